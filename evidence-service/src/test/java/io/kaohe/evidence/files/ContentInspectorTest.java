package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaohe.support.problems.ProblemException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ContentInspectorTest {

    private final ContentInspector inspector = new ContentInspector(new EvidenceProperties(null,
            DataSize.ofMegabytes(200), DataSize.ofGigabytes(1), DataSize.ofMegabytes(8), DataSize.ofGigabytes(1), 100,
            1000, DataSize.ofMegabytes(32), ZoneId.of("Asia/Shanghai"), java.time.Duration.ofHours(24)));

    @Test
    void knowsTheAcceptedKindsByTheirFirstBytes() {
        assertThat(sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)).type()).isEqualTo(EvidenceType.PDF);
        assertThat(sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F'})
                .type()).isEqualTo(EvidenceType.JPEG);
        assertThat(sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).type())
                .isEqualTo(EvidenceType.PNG);
        assertThat(sniff("本季度开展中心组学习3次".getBytes(StandardCharsets.UTF_8)).type()).isEqualTo(EvidenceType.TEXT);
        assertThat(sniff(new byte[] {'P', 'K', 3, 4, 20, 0}).container()).isEqualTo(Sniffed.Container.ZIP);
        assertThat(sniff(new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a,
                (byte) 0xe1}).container()).isEqualTo(Sniffed.Container.OLE2);
    }

    @Test
    void plainTextInAChineseLegacyEncodingIsText() {
        byte[] gbk = "中共乐山市金口河区委宣传部属独立核算的一级预算单位。\r\n".getBytes(Charset.forName("GBK"));
        assertThat(sniff(gbk).type()).isEqualTo(EvidenceType.TEXT);
    }

    @Test
    void executablesScriptsAndUnknownBytesAreRefused() {
        assertRefused("MZ\u0090\u0000\u0003\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertRefused("\u007fELF\u0002\u0001\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertRefused("<?php echo 1; ?>".getBytes(StandardCharsets.US_ASCII));
        assertRefused("#!/bin/sh\nrm -rf /".getBytes(StandardCharsets.US_ASCII));
        assertRefused("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII));
        assertRefused(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, (byte) 0xfe, (byte) 0xff});
    }

    private Sniffed sniff(byte[] bytes) {
        return inspector.sniff(bytes, bytes.length);
    }

    private void assertRefused(byte[] bytes) {
        assertThatThrownBy(() -> sniff(bytes)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(415));
    }
}
