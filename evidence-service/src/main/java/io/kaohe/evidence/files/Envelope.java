package io.kaohe.evidence.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * How a stored object is encrypted, kept with its row (never beside the object in the store): the cipher, the id of
 * the master key that wrapped its data key, the wrapped data key, and for an object put together from a resumable
 * upload's parts the parts' sizes and nonces ({@link Sm4Ctr}). An object without an envelope is stored as is (stored
 * before encryption was turned on, or with it off).
 */
record Envelope(String cipher, String keyId, byte[] wrappedKey, long[] segmentSizes, long[] segmentNonces) {

    /** The columns an envelope is read from, of a table aliased {@code alias}. */
    static String columns(String alias) {
        return String.join(", ", Arrays.stream(new String[] {"cipher", "key_id", "wrapped_key", "segment_sizes",
                "segment_nonces"}).map(c -> alias + "." + c).toList());
    }

    /** The envelope in the current row, null where it has none. */
    static Envelope of(ResultSet rs) throws SQLException {
        byte[] wrapped = rs.getBytes("wrapped_key");
        if (wrapped == null) {
            return null;
        }
        return new Envelope(rs.getString("cipher"), rs.getString("key_id"), wrapped, longs(rs.getArray("segment_sizes")),
                longs(rs.getArray("segment_nonces")));
    }

    /** The same data key, its object made of these segments. */
    Envelope withSegments(long[] sizes, long[] nonces) {
        return new Envelope(cipher, keyId, wrappedKey, sizes, nonces);
    }

    private static long[] longs(java.sql.Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = ((Number) values[i]).longValue();
        }
        return longs;
    }

    /** As a statement parameter (PostgreSQL bigint[]). */
    static Long[] boxed(long[] values) {
        return values == null ? null : Arrays.stream(values).boxed().toArray(Long[]::new);
    }
}
