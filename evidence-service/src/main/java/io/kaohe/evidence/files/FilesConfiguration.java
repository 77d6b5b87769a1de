package io.kaohe.evidence.files;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties({EvidenceProperties.class, EncryptionProperties.class})
class FilesConfiguration {
}
