package io.kaohe.scoring.scores;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** numeric in PostgreSQL's binary COPY form: base-10000 digits around the decimal point. */
class BinaryCopyTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "4.65;    0; 2; 4,6500",
        "0.17;   -1; 2; 1700",
        "100.00;  0; 2; 100",
        "38.5;    0; 1; 38,5000",
        "12345.6789; 1; 4; 1,2345,6789",
        "0.0001; -1; 4; 1",
        "5;       0; 0; 5",
        "20000;   1; 0; 2"})
    void encodesNumericAsBase10000Digits(String value, int weight, int scale, String digits) {
        ByteBuffer field = ByteBuffer.wrap(new BinaryCopy(64).numeric(new BigDecimal(value)).drain());
        String[] expected = digits.split(",");
        assertThat(field.getInt()).isEqualTo(8 + 2 * expected.length);
        assertThat(field.getShort()).isEqualTo((short) expected.length);
        assertThat(field.getShort()).isEqualTo((short) weight);
        assertThat(field.getShort()).isZero();
        assertThat(field.getShort()).isEqualTo((short) scale);
        for (String digit : expected) {
            assertThat(field.getShort()).isEqualTo(Short.parseShort(digit));
        }
        assertThat(field.hasRemaining()).isFalse();
    }

    @Test
    void encodesZeroAndNullAndNegative() {
        ByteBuffer zero = ByteBuffer.wrap(new BinaryCopy(64).numeric(new BigDecimal("0.00")).drain());
        assertThat(zero.getInt()).isEqualTo(8);
        assertThat(zero.getShort()).isZero();
        assertThat(zero.getShort()).isZero();
        assertThat(zero.getShort()).isZero();
        assertThat(zero.getShort()).isEqualTo((short) 2);
        assertThat(ByteBuffer.wrap(new BinaryCopy(8).numeric(null).drain()).getInt()).isEqualTo(-1);
        ByteBuffer negative = ByteBuffer.wrap(new BinaryCopy(64).numeric(new BigDecimal("-0.5")).drain());
        negative.position(8);
        assertThat(negative.getShort()).isEqualTo((short) 0x4000);
    }

    /** The long path (every item score) and the BigInteger one give the same bytes, edge cases included. */
    @ParameterizedTest
    @CsvSource({"0", "0.00", "-0.01", "0.01", "-0.5", "1", "-1", "9999", "10000", "-10000.0001", "1E+3", "-2.5E+5",
        "0.000000000000001", "123456789012345.6", "9007199254740991", "-9007199254740991", "9007199254740992",
        "9007199.254740991", "0.9007199254740991", "99999999999999999999.99", "1.0000000000000000001",
        "1234567.89", "-1234567.89", "0.10", "100.00"})
    void longAndBigIntegerPathsAgree(String value) {
        BigDecimal v = new BigDecimal(value);
        assertThat(new BinaryCopy(64).numeric(v).drain()).isEqualTo(new BinaryCopy(64).numericBig(v).drain());
    }

    @Test
    void longAndBigIntegerPathsAgreeOnRandomValues() {
        java.util.Random random = new java.util.Random(18);
        for (int i = 0; i < 200_000; i++) {
            long unscaled = random.nextLong() >> random.nextInt(64);
            BigDecimal v = BigDecimal.valueOf(unscaled, random.nextInt(20) - 2);
            assertThat(new BinaryCopy(64).numeric(v).drain()).as(v.toString())
                    .isEqualTo(new BinaryCopy(64).numericBig(v).drain());
        }
    }
}
