package io.jenkins.plugins.buildstash.api.model;

/**
 * How to send one file, as {@code POST /upload/request} answers it. When {@code chunkedUpload} is false, PUT the whole
 * file to {@code presignedData}; when true, send {@code chunkedNumberParts} parts of {@code chunkedPartSizeMb} MiB,
 * each to a URL from {@code POST /upload/request/multipart}. The part fields may arrive as "" for single-part files.
 */
public record FileUploadInstructions(
        String filename,
        boolean chunkedUpload,
        Integer chunkedNumberParts,
        Integer chunkedPartSizeMb,
        PresignedRequest presignedData) {}
