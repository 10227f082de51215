#!/usr/bin/env bash
# The curl baseline for multipart: the Buildstash docs' cURL loop, one part after another, each part presigned through
# the API just before its PUT. Unlike the docs' example (dd bs=1, which is pathologically slow) it reads each part with
# dd bs=1M skip/count. Uses BUILDSTASH_BASE_URL and BUILDSTASH_APPLICATION_KEY as EmulatorMain prints them.
# Usage: bash bench/curl-multipart.sh FILE   (run by bench/run.sh; prints the build id)
set -euo pipefail

file=$1
size=$(stat -c %s "$file")
name=$(basename "$file")
api=$BUILDSTASH_BASE_URL
auth=(-H "Authorization: Bearer $BUILDSTASH_APPLICATION_KEY" -H "Content-Type: application/json" -H "Accept: application/json")

request=$(curl -sS --fail-with-body -X POST "$api/upload/request" "${auth[@]}" -d @- <<EOF
{"structure":"file","platform":"android","stream":"beta","source":"jenkins",
 "version_component_1_major":1,"version_component_2_minor":0,"version_component_3_patch":${BENCH_VERSION_PATCH:-1},
 "primary_file":{"filename":"$name","size_bytes":$size}}
EOF
)
pending=$(jq -r .pending_upload_id <<<"$request")
if [ "$(jq -r .primary_file.chunked_upload <<<"$request")" != true ]; then
  echo "expected a multipart plan for $size bytes, got: $request" >&2
  exit 1
fi
parts=$(jq -r .primary_file.chunked_number_parts <<<"$request")
part_mib=$(jq -r .primary_file.chunked_part_size_mb <<<"$request")
part_bytes=$((part_mib * 1048576))

chunks=""
for ((i = 1; i <= parts; i++)); do
  offset=$(((i - 1) * part_bytes))
  length=$((size - offset < part_bytes ? size - offset : part_bytes))
  url=$(curl -sS --fail-with-body -X POST "$api/upload/request/multipart" "${auth[@]}" \
    -d "{\"pending_upload_id\":\"$pending\",\"part_number\":$i,\"content_length\":$length}" | jq -r .part_presigned_url)
  # Parts are whole MiB, so skip/count in 1 MiB blocks land on the part's bytes; the last part's count runs past EOF.
  etag=$(dd if="$file" bs=1M skip=$((offset / 1048576)) count="$part_mib" status=none |
    curl -sS --fail-with-body -o /dev/null -D - -X PUT --upload-file - \
      -H "Content-Type: application/octet-stream" -H "Content-Length: $length" -H "Transfer-Encoding:" "$url" |
    tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
  if [ -z "$etag" ]; then
    echo "no ETag for part $i" >&2
    exit 1
  fi
  chunks+="${chunks:+,}{\"PartNumber\":$i,\"ETag\":$(jq -Rn --arg e "$etag" '$e')}"
done

curl -sS --fail-with-body -X POST "$api/upload/verify" "${auth[@]}" \
  -d "{\"pending_upload_id\":\"$pending\",\"multipart_chunks\":[$chunks]}" | jq -r .build_id
