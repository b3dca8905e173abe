package io.nplus.core.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The integer encodings' planned size is what they write, and what they write decodes. */
class IntegerCodecTest {

    @Property
    void plannedBitsAreWrittenBitsAndDecode(@ForAll @Size(min = 1, max = 150) long[] values, @ForAll boolean signed,
        @ForAll boolean deltaOfDelta, @ForAll long base) {
        ValueEncoding encoding = deltaOfDelta ? ValueEncoding.DELTA_OF_DELTA : ValueEncoding.DELTA;
        IntegerCodec codec = new IntegerCodec();
        long planned = codec.plan(encoding, values, values.length, signed, base);
        BitWriter out = new BitWriter();
        codec.writePlanned(out);
        assertThat(out.bitLength()).isEqualTo(planned);

        byte[] bytes = out.toByteArray();
        BitReader in = new BitReader(bytes, 0, bytes.length);
        long[] decoded = new long[values.length];
        IntegerCodec.decode(in, encoding, signed, decoded, values.length);
        in.expectEnd();
        assertThat(decoded).containsExactly(values);
    }

    @Property
    void smallStepsStaySmall(@ForAll @Size(min = 2, max = 150) long[] steps) {
        long[] values = new long[steps.length];
        for (int i = 1; i < steps.length; i++) {
            values[i] = values[i - 1] + steps[i] % 8;
        }
        long bits = new IntegerCodec().plan(ValueEncoding.DELTA, values, values.length, true, 0);
        // 0..7 or -7..0 steps zigzag into 4 bits: at most 2 + 4 bits each, plus the headers
        assertThat(bits).isLessThanOrEqualTo(8 + 8 + 8 + 6L * (values.length - 1));
    }
}
