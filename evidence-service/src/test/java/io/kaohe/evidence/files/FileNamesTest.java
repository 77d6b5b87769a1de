package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void acceptsOrdinaryChineseNames() {
        assertThat(FileNames.problem("2024年第四季度中心组学习记录（终稿）.docx")).isNull();
        assertThat(FileNames.problem("scan 01.JPG")).isNull();
    }

    @Test
    void refusesNulControlCharactersAndDirectionOverrides() {
        assertThat(FileNames.problem("a\u0000.pdf")).isEqualTo("evidence.file.name-control");
        assertThat(FileNames.problem("a\n.pdf")).isEqualTo("evidence.file.name-control");
        assertThat(FileNames.problem("\u202Egpj.exe")).isEqualTo("evidence.file.name-control");
    }

    @Test
    void refusesPathsAndDotSegments() {
        assertThat(FileNames.problem("../../etc/passwd")).isEqualTo("evidence.file.name-path");
        assertThat(FileNames.problem("..\\boot.ini")).isEqualTo("evidence.file.name-path");
        assertThat(FileNames.problem("..")).isEqualTo("evidence.file.name-path");
        assertThat(FileNames.problem("dir/a.pdf")).isEqualTo("evidence.file.name-path");
    }

    @Test
    void refusesMissingAndOverlongNames() {
        assertThat(FileNames.problem(" ")).isEqualTo("evidence.file.name-missing");
        assertThat(FileNames.problem("文".repeat(86) + ".pdf")).isEqualTo("evidence.file.name-too-long");
    }

    @Test
    void downloadsUnderTheOriginalNameInRfc5987FormWithAnAsciiFallback() {
        assertThat(FileNames.attachment("学习 记录\"1\".pdf"))
                .isEqualTo("attachment; filename=\"__ ___1_.pdf\"; filename*=UTF-8''"
                        + "%E5%AD%A6%E4%B9%A0%20%E8%AE%B0%E5%BD%95%221%22.pdf");
    }
}
