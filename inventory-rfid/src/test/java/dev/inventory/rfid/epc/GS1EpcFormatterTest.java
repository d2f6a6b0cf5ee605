package dev.inventory.rfid.epc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.inventory.core.spi.EpcFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class GS1EpcFormatterTest
{
    private static final String SGTIN_HEX = "3074257BF7194E4000001A85";

    @Test
    void shouldRenderPureIdentityUriWhenEpcIsSgtin96()
    {
        final long high = EpcHex.parseHigh64(SGTIN_HEX);
        final int low = EpcHex.parseLow32(SGTIN_HEX);

        assertThat(GS1EpcFormatter.INSTANCE.format(high, low)).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
    }

    @Test
    void shouldRenderHexWhenEpcDoesNotDecode()
    {
        assertThat(GS1EpcFormatter.INSTANCE.format(0x1122334455667788L, 0x99AABBCC))
            .isEqualTo("112233445566778899AABBCC");
        assertThat(GS1EpcFormatter.INSTANCE.format(0L, 0)).isEqualTo("000000000000000000000000");
    }

    @Test
    void shouldAppendToExistingTextWhenBuilderIsNotEmpty()
    {
        final StringBuilder sb = new StringBuilder("epc=");
        final long high = EpcHex.parseHigh64(SGTIN_HEX);
        final int low = EpcHex.parseLow32(SGTIN_HEX);

        assertThat(GS1EpcFormatter.INSTANCE.append(high, low, sb)).isSameAs(sb);
        assertThat(sb.toString()).isEqualTo("epc=urn:epc:id:sgtin:0614141.812345.6789");
    }

    @Test
    void shouldRenderOtherGs1SchemesWhenTheyDecode()
    {
        final EpcEncoder encoder = new EpcEncoder().encodePureIdentityUri("urn:epc:id:sscc:0614141.1234567890");

        assertThat(GS1EpcFormatter.INSTANCE.format(encoder.epcHigh(), encoder.epcLow()))
            .isEqualTo("urn:epc:id:sscc:0614141.1234567890");
    }

    @Test
    @Timeout(30)
    void shouldAgreeWithDecoderWhenUsedFromManyThreads() throws Exception
    {
        final EpcFormatter formatter = GS1EpcFormatter.INSTANCE;
        final ExecutorService executor = Executors.newFixedThreadPool(4);
        try
        {
            final List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                final int thread = t;
                results.add(executor.submit(() ->
                {
                    final EpcEncoder encoder = new EpcEncoder();
                    int checked = 0;
                    for (int serial = 1; serial <= 2_000; serial++)
                    {
                        final String uri = "urn:epc:id:sgtin:0614141.81234" + thread + "." + serial;
                        encoder.encodePureIdentityUri(uri);
                        if (!uri.equals(formatter.format(encoder.epcHigh(), encoder.epcLow())))
                        {
                            return -serial;
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (final Future<Integer> result : results)
            {
                assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(2_000);
            }
        }
        finally
        {
            executor.shutdownNow();
        }
    }
}
