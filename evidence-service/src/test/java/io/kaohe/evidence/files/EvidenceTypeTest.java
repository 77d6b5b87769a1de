package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceTypeTest {

    @Test
    void aNameMayCarryAnyExtensionOfTheContentsFamily() {
        assertThat(EvidenceType.DOC.agreesWithName("通知.wps")).isTrue();
        assertThat(EvidenceType.DOCX.agreesWithName("通知.DOC")).isTrue();
        assertThat(EvidenceType.JPEG.agreesWithName("IMG_0001.JPEG")).isTrue();
        assertThat(EvidenceType.TEXT.agreesWithName("readme")).isTrue();
        assertThat(EvidenceType.PDF.agreesWithName("报告.v2")).isTrue();
    }

    @Test
    void aNameClaimingAnotherKindIsADisguise() {
        assertThat(EvidenceType.PNG.agreesWithName("扫描件.pdf")).isFalse();
        assertThat(EvidenceType.JPEG.agreesWithName("a.jpg.php")).isFalse();
        assertThat(EvidenceType.TEXT.agreesWithName("run.sh")).isFalse();
        assertThat(EvidenceType.DOCX.agreesWithName("宏.docm")).isFalse();
    }

    @Test
    void executablesScriptsAndArchivesAreRefusedByNameAlone() {
        assertThat(EvidenceType.nameClaimsRefusedKind("a.jpg.php")).isTrue();
        assertThat(EvidenceType.nameClaimsRefusedKind("setup.EXE")).isTrue();
        assertThat(EvidenceType.nameClaimsRefusedKind("page.html")).isTrue();
        assertThat(EvidenceType.nameClaimsRefusedKind("报告.pdf")).isFalse();
    }
}
