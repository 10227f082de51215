package io.jenkins.plugins.buildstash.api.model;

import java.util.List;

/** The files of a build as temporary URLs (`GET .../builds/{id}/download`). */
public record BuildDownload(DownloadLink primaryFile, List<DownloadLink> expansionFiles, DownloadLink universalApk) {}
