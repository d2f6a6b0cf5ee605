package dev.inventory.core.command;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.record.CommandFlyweight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostCommandFileReaderTest
{
    private static final String EPC = "3034257BF7194E4000001A85";

    @Test
    void shouldParseEveryCommandWhenLinesAreWellFormed() throws Exception
    {
        final List<HostCommand> commands = readAll(
            "ts_ms,command,epc,args\n" +
            "# comment\n" +
            "\n" +
            "1700000000000,ASSIGN_TAG,3034257BF7194E4000001A85,614141812345,42,7\n" +
            "1700000000001, assign_tag , 0x3034257BF7194E4000001A85 ,,42\n" +
            "1700000005000,SET_TAG_STATUS,3034257BF7194E4000001A85,HOLD\n" +
            "1700000006000,SET_TAG_STATUS,3034257BF7194E4000001A85,17\n" +
            "1700000009000,RETIRE_TAG,3034257BF7194E4000001A85\r\n" +
            "1700000009500,1001,3034,5,6,-7\n", new ArrayList<>());

        assertThat(commands).hasSize(6);
        assertThat(commands.get(0)).isEqualTo(new HostCommand(
            4, 1_700_000_000_000L, CommandFlyweight.ASSIGN_TAG, 0x3034257BF7194E40L, 0x00001A85, 614141812345L, 42, 7));
        assertThat(commands.get(1).arg2()).isZero();
        assertThat(commands.get(1).arg3()).isEqualTo(42);
        assertThat(commands.get(1).arg4()).isZero();
        assertThat(commands.get(2).command()).isEqualTo(CommandFlyweight.SET_TAG_STATUS);
        assertThat(commands.get(2).arg2()).isEqualTo(Ledger.STATUS_HOLD);
        assertThat(commands.get(3).arg2()).isEqualTo(17);
        assertThat(commands.get(4).command()).isEqualTo(CommandFlyweight.RETIRE_TAG);
        assertThat(commands.get(4).lineNumber()).isEqualTo(8);
        assertThat(commands.get(5).command()).isEqualTo(1001);
        assertThat(commands.get(5).epcHigh()).isEqualTo(0x3034000000000000L);
        assertThat(commands.get(5).arg4()).isEqualTo(-7);
    }

    @Test
    void shouldCountAndDescribeMalformedLinesWithLineNumbers() throws Exception
    {
        final List<String> errors = new ArrayList<>();
        final List<HostCommand> commands = readAll(
            "1700000000000,ASSIGN_TAG," + EPC + "\n" +
            "1700000000000,MOVE_TAG," + EPC + "\n" +
            "1700000000000,ASSIGN_TAG,30342\n" +
            "1700000000000,ASSIGN_TAG,ZZZZ\n" +
            "17000000x0000,RETIRE_TAG," + EPC + "\n" +
            "0,RETIRE_TAG," + EPC + "\n" +
            "1700000000000,SET_TAG_STATUS," + EPC + "\n" +
            "1700000000000,SET_TAG_STATUS," + EPC + ",ON_FIRE\n" +
            "1700000000000,RETIRE_TAG," + EPC + ",1\n" +
            "1700000000000,ASSIGN_TAG," + EPC + ",1,2,3,4\n" +
            "1700000000000,ASSIGN_TAG,," + "\n" +
            "1700000000000,999," + EPC + "\n" +
            "1700000000000,ASSIGN_TAG," + EPC + ",lot-1\n" +
            "1700000001000,RETIRE_TAG," + EPC + "\n", errors);

        assertThat(commands).extracting(HostCommand::lineNumber).containsExactly(1L, 14L);
        assertThat(errors).hasSize(12);
        assertThat(errors.get(0)).startsWith("line 2: unknown command 'MOVE_TAG'");
        assertThat(errors.get(1)).startsWith("line 3: EPC must be");
        assertThat(errors.get(2)).startsWith("line 4: EPC has a non-hex character");
        assertThat(errors.get(3)).startsWith("line 5: ts_ms is not a decimal integer");
        assertThat(errors.get(4)).startsWith("line 6: ts_ms out of range");
        assertThat(errors.get(5)).startsWith("line 7: SET_TAG_STATUS takes");
        assertThat(errors.get(6)).startsWith("line 8: status is not a decimal integer");
        assertThat(errors.get(7)).startsWith("line 9: RETIRE_TAG takes");
        assertThat(errors.get(8)).startsWith("line 10: expected 3..6 fields");
        assertThat(errors.get(9)).startsWith("line 11: epc is empty");
        assertThat(errors.get(10)).startsWith("line 12: unknown command '999'");
        assertThat(errors.get(11)).startsWith("line 13: sku_key is not a decimal integer").endsWith("lot-1'");
    }

    @Test
    void shouldUseGivenDecoderWhenEpcIsNotHex() throws Exception
    {
        final EpcTextDecoder decoder = (text, out) ->
        {
            if (text.startsWith("urn:"))
            {
                out[0] = 1;
                out[1] = 2;
                return;
            }
            EpcTextDecoder.decodeHex(text, out);
        };
        try (HostCommandFileReader reader = new HostCommandFileReader(
            new StringReader("1700000000000,RETIRE_TAG,urn:epc:tag:sgtin-96:1.0614141.812345.6789\n"), decoder))
        {
            final HostCommand command = reader.next();
            assertThat(command.epcHigh()).isEqualTo(1);
            assertThat(command.epcLow()).isEqualTo(2);
            assertThat(reader.next()).isNull();
            assertThat(reader.commandsRead()).isEqualTo(1);
            assertThat(reader.malformedLines()).isZero();
        }
    }

    @Test
    void shouldLeftAlignShortEpcAndTruncateLongOneWhenHex()
    {
        final long[] out = new long[2];
        EpcTextDecoder.decodeHex("ABCD", out);
        assertThat(out[0]).isEqualTo(0xABCD000000000000L);
        assertThat(out[1]).isZero();
        EpcTextDecoder.decodeHex(EPC + "FFFF", out);
        assertThat(out[0]).isEqualTo(0x3034257BF7194E40L);
        assertThat((int)out[1]).isEqualTo(0x00001A85);
        assertThatThrownBy(() -> EpcTextDecoder.decodeHex("ABC", out)).hasMessageStartingWith("EPC must be");
    }

    private static List<HostCommand> readAll(final String text, final List<String> errors) throws Exception
    {
        try (HostCommandFileReader reader = new HostCommandFileReader(new StringReader(text), EpcTextDecoder.HEX))
        {
            final List<HostCommand> commands = new ArrayList<>();
            HostCommand command;
            while (null != (command = reader.next()))
            {
                commands.add(command);
            }
            errors.addAll(reader.errors());
            assertThat(reader.malformedLines()).isEqualTo(errors.size());
            return commands;
        }
    }
}
