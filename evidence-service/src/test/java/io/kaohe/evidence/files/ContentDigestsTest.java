package io.kaohe.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SHA-256 and SM3 of the same bytes in one pass, whatever the pieces they arrive in; and what matches them. */
class ContentDigestsTest {

    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    /** GB/T 32905-2016, example 1: SM3("abc"). */
    private static final String ABC_SM3 = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";

    @Test
    void digestsTheBytesAsTheStandardsSayInOnePieceOrSeveral() {
        byte[] abc = "xabcx".getBytes(StandardCharsets.US_ASCII);
        ContentDigests whole = new ContentDigests();
        whole.update(abc, 1, 3);
        ContentDigests.Digests once = whole.finish();
        assertThat(once.sha256()).isEqualTo(ABC_SHA256);
        assertThat(once.sm3()).isEqualTo(ABC_SM3);
        assertThat(once.size()).isEqualTo(3);

        ContentDigests pieces = new ContentDigests();
        pieces.update(abc, 1, 1);
        pieces.update(abc, 0, 0);
        pieces.update(abc, 2, 2);
        assertThat(pieces.finish()).isEqualTo(once);
    }

    @Test
    void matchesOnlyTheSameSizeSha256AndSm3WhenOneWasStored() {
        ContentDigests digests = new ContentDigests();
        digests.update("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
        ContentDigests.Digests abc = digests.finish();
        assertThat(abc.match(3, ABC_SHA256, ABC_SM3)).isTrue();
        assertThat(abc.match(3, ABC_SHA256, null)).as("no SM3 stored yet: the SHA-256 decides").isTrue();
        assertThat(abc.match(4, ABC_SHA256, ABC_SM3)).isFalse();
        assertThat(abc.match(3, ABC_SHA256.replace('b', 'c'), ABC_SM3)).isFalse();
        assertThat(abc.match(3, ABC_SHA256, ABC_SM3.replace('6', '7'))).isFalse();
    }

    @Test
    void aPartsDigestsAreItsSha256AloneTheSameAsTheContents() {
        byte[] bytes = "第一季度驻村帮扶台账".getBytes(StandardCharsets.UTF_8);
        ContentDigests both = new ContentDigests();
        ContentDigests part = ContentDigests.sha256Only();
        both.update(bytes, 0, bytes.length);
        part.update(bytes, 0, bytes.length);
        ContentDigests.Digests whole = both.finish();
        ContentDigests.Digests alone = part.finish();
        assertThat(alone.sha256()).isEqualTo(whole.sha256());
        assertThat(alone.size()).isEqualTo(whole.size());
        assertThat(alone.sm3()).isNull();
        assertThat(whole.sm3()).hasSize(64);
    }
}
