package dev.inventory.core.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OpsChecks}: the messages the rules have always given, and how much of a snapshot each check reads. */
class OpsChecksTest
{
    @Test
    void shouldNameTheFieldAndValueWhenASettingIsInvalid()
    {
        OpsChecks.require("maxSkus", true, 0);
        assertThatThrownBy(() -> OpsChecks.require("maxSkus", false, 1L << 33))
            .isInstanceOf(IllegalStateException.class).hasMessage("invalid maxSkus: 8589934592");
    }

    @Test
    void shouldReadTheVersionOnlyWhenTheMagicMatches() throws IOException
    {
        final DataInputStream wrongMagic = input(7, 1, 99);
        assertThatThrownBy(() -> OpsChecks.readHeader(wrongMagic, 8, 1, "an operations snapshot"))
            .isInstanceOf(IOException.class).hasMessage("not an operations snapshot of version 1");
        assertThat(wrongMagic.readInt()).as("version left unread").isEqualTo(1);

        final DataInputStream wrongVersion = input(8, 2, 99);
        assertThatThrownBy(() -> OpsChecks.readHeader(wrongVersion, 8, 1, "a lot rules snapshot"))
            .isInstanceOf(IOException.class).hasMessage("not a lot rules snapshot of version 1");

        final DataInputStream right = input(8, 1, 99);
        OpsChecks.readHeader(right, 8, 1, "a lot rules snapshot");
        assertThat(right.readInt()).isEqualTo(99);
    }

    @Test
    void shouldRejectACountOutsideTheCapacityWhenRestoring() throws IOException
    {
        assertThat(OpsChecks.readCount(input(0), 4, "skus")).isZero();
        assertThat(OpsChecks.readCount(input(4), 4, "skus")).isEqualTo(4);
        assertThatThrownBy(() -> OpsChecks.readCount(input(5), 4, "skus"))
            .isInstanceOf(IOException.class).hasMessage("skus 5 exceed capacity 4");
        assertThatThrownBy(() -> OpsChecks.readCount(input(-1), 4, "lots"))
            .isInstanceOf(IOException.class).hasMessage("lots -1 exceed capacity 4");
    }

    private static DataInputStream input(final int... ints) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            for (final int i : ints)
            {
                out.writeInt(i);
            }
        }
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
