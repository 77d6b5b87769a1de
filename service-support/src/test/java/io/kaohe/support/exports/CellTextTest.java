package io.kaohe.support.exports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellTextTest {

    @Test
    void aTextLongerThanACellIsCutWithAVisibleMarker() {
        assertThat(CellText.fitting("短")).isEqualTo("短");
        assertThat(CellText.fitting("x".repeat(CellText.MAX))).hasSize(CellText.MAX);
        String cut = CellText.fitting("理由过长".repeat(10_000));
        assertThat(cut).hasSize(CellText.MAX).startsWith("理由过长").endsWith(CellText.CUT);
    }

    @Test
    void aCutNeverEndsInHalfACharacter() {
        int end = CellText.MAX - CellText.CUT.length();
        String text = "a".repeat(end - 1) + "😀".repeat(10_000);
        String cut = CellText.fitting(text);
        assertThat(cut.length()).isLessThanOrEqualTo(CellText.MAX);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - CellText.CUT.length() - 1))).isFalse();
    }

    @Test
    void formulaLikeTextsAreRecognised() {
        for (String formula : new String[] {"=1+1", "+86", "-2", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(CellText.formulaLike(formula)).as(formula).isTrue();
        }
        assertThat(CellText.formulaLike("正常文字")).isFalse();
        assertThat(CellText.formulaLike("")).isFalse();
        assertThat(CellText.formulaLike(null)).isFalse();
    }
}
