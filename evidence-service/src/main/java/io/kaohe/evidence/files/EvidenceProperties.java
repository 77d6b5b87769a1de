package io.kaohe.evidence.files;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Evidence storage settings ({@code kaohe.evidence.*}).
 *
 * @param maxFileSize      largest accepted file; a larger upload is refused with 413 and nothing is stored
 * @param unitQuota        total bytes one unit may store (identical content counted once)
 * @param partSize         bytes buffered per upload before they go to the store as one multipart part
 * @param maxExpandedSize  an Office/OFD package that inflates to more than this is a zip bomb
 * @param maxExpansionRatio an entry inflating more than this many times its compressed size is a zip bomb
 * @param maxTextChars     text kept per file for search
 * @param maxTextFileSize  files larger than this are not opened for text (bounded memory and time)
 * @param zone             the zone a period's due date is read in
 * @param staleAfter       an incomplete multipart upload or an object no evidence refers to, older than this, is
 *                         removed from the store by the sweeper
 */
@ConfigurationProperties("kaohe.evidence")
record EvidenceProperties(S3 s3, DataSize maxFileSize, DataSize unitQuota, DataSize partSize, DataSize maxExpandedSize,
                          int maxExpansionRatio, int maxTextChars, DataSize maxTextFileSize, ZoneId zone,
                          Duration staleAfter) {

    /**
     * @param pathStyle {@code true}: {@code endpoint/bucket/key} (MinIO, Ceph, s3proxy); {@code false}:
     *                  {@code bucket.endpoint/key}, virtual-host addressing (Alibaba OSS, Tencent COS, AWS)
     */
    record S3(String endpoint, String accessKey, String secretKey, String bucket, String region, boolean pathStyle) {
    }
}
