package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** S3_PATH_STYLE decides how an object's address is written: MinIO wants the path form, OSS and COS the host form. */
class StoreAddressingTest {

    @Test
    void pathStyleNamesTheBucketInThePathForMinioAndCeph() {
        URL url = objectUrl(new EvidenceProperties.S3("http://minio.county.local:9000", "kaohe", "secret",
                "kaohe-evidence", "us-east-1", true));
        assertThat(url.getHost()).isEqualTo("minio.county.local");
        assertThat(url.getPath()).isEqualTo("/kaohe-evidence/files/a.pdf");
    }

    @Test
    void virtualHostStyleNamesTheBucketInTheHostForAlibabaOssAndTencentCos() {
        URL oss = objectUrl(new EvidenceProperties.S3("https://oss-cn-hangzhou.aliyuncs.com", "LTAI", "secret",
                "kaohe-evidence", "oss-cn-hangzhou", false));
        assertThat(oss.getHost()).isEqualTo("kaohe-evidence.oss-cn-hangzhou.aliyuncs.com");
        assertThat(oss.getPath()).isEqualTo("/files/a.pdf");

        URL cos = objectUrl(new EvidenceProperties.S3("https://cos.ap-guangzhou.myqcloud.com", "AKID", "secret",
                "kaohe-1250000000", "ap-guangzhou", false));
        assertThat(cos.getHost()).isEqualTo("kaohe-1250000000.cos.ap-guangzhou.myqcloud.com");
    }

    private static URL objectUrl(EvidenceProperties.S3 config) {
        try (S3Client client = EvidenceBucket.client(config)) {
            return client.utilities().getUrl(b -> b.bucket(config.bucket()).key("files/a.pdf"));
        }
    }
}
