package dev.inventory.core.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.inventory.core.command.EpcTextDecoder;
import dev.inventory.core.command.HostCommand;
import dev.inventory.core.command.HostCommandFileReader;
import dev.inventory.core.counter.Counters;
import dev.inventory.core.counter.RejectReason;
import dev.inventory.core.ledger.Ledger;
import dev.inventory.core.record.CommandFlyweight;
import dev.inventory.core.record.SensorFlyweight;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LotRules}: FIFO / FEFO violations, expiry alerts, expired use, condition excursions, queries, bad commands,
 * snapshot and replay.
 */
class LotRulesTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long H = 3_600_000L;
    private static final long SKU_A = 1001;
    private static final long SKU_B = 1002;
    private static final long L1 = 11;
    private static final long L2 = 12;
    private static final long L3 = 13;
    private static final long A1 = 0x30A1L;
    private static final long A2 = 0x30A2L;
    private static final long A3 = 0x30A3L;
    private static final long B1 = 0x30B1L;
    private static final long CONTAINER = 70_000;
    private static final int TEMP = SensorFlyweight.QUANTITY_TEMPERATURE;
    private static final int HUMIDITY = SensorFlyweight.QUANTITY_HUMIDITY;
    private static final int CELSIUS = SensorFlyweight.UNIT_CELSIUS;
    private static final int RH = SensorFlyweight.UNIT_PERCENT_RH;
    private static final Set<String> LOT_EVENTS = Set.of("fifo_violation", "fefo_violation", "expiry_approaching",
        "expired", "expired_used", "excursion_start", "excursion_end", "issued");

    /** An {@link OpsPlant} with {@link LotRules} installed. */
    private static final class Lots
    {
        final OpsPlant p;
        final LotRules rules;

        Lots()
        {
            this(new LotRules.Context().tagCapacity(1024));
        }

        Lots(final LotRules.Context context)
        {
            final LotRules[] holder = new LotRules[1];
            p = new OpsPlant(ops -> holder[0] = new LotRules(ops, context));
            rules = holder[0];
        }

        int zone(final String name)
        {
            return p.zone(name);
        }

        void command(final long t, final int code, final long arg2, final long arg3, final long arg4)
        {
            p.command(t, code, 0, 0, arg2, arg3, arg4);
        }

        void issue(final long t, final long epcHigh, final int reason)
        {
            p.command(t, OpsCommands.ISSUE, epcHigh, 1, reason, 0, 0);
        }

        void temperature(final long t, final long subject, final double celsius)
        {
            p.sensor(t, 5, subject, TEMP, celsius, CELSIUS);
        }

        /** Events of this rule (and issues) as "time since T0 in ms, text". */
        List<String> events()
        {
            final List<String> out = new ArrayList<>();
            for (final String line : p.events)
            {
                final String[] parts = line.split(" ", 3);
                final String type = parts[2].substring(0, parts[2].indexOf(' '));
                if (LOT_EVENTS.contains(type))
                {
                    out.add((Long.parseLong(parts[1]) - T0) + " " + parts[2]);
                }
            }
            return out;
        }

        long rejected()
        {
            return p.counters.rejected(RejectReason.BAD_COMMAND);
        }
    }

    /** Zone roles, lots L1 (expires T0+10h, in T0-20h), L2 (T0+5h, T0-10h), L3 (T0+30h, T0-30h), items of SKU A. */
    private static void masterData(final Lots l)
    {
        l.command(T0, OpsCommands.ZONE, l.zone("dock"), ZoneRole.RECEIVING, 0);
        l.command(T0, OpsCommands.ZONE, l.zone("store-a"), ZoneRole.STORAGE, 0);
        l.command(T0, OpsCommands.ZONE, l.zone("store-b"), ZoneRole.STORAGE, 0);
        l.command(T0, OpsCommands.ZONE, l.zone("qa"), ZoneRole.QUALITY_HOLD, 0);
        l.command(T0, OpsCommands.ZONE, l.zone("st-1"), ZoneRole.WIP_STATION, 0);
        l.command(T0, OpsCommands.ZONE, l.zone("st-2"), ZoneRole.WIP_STATION, 0);
        l.command(T0, OpsCommands.ZONE, l.zone("ship"), ZoneRole.SHIPPING, 0);
        l.command(T0, OpsCommands.LOT, L1, T0 + 10 * H, T0 - 20 * H);
        l.command(T0, OpsCommands.LOT, L2, T0 + 5 * H, T0 - 10 * H);
        l.command(T0, OpsCommands.LOT, L3, T0 + 30 * H, T0 - 30 * H);
        l.p.command(T0, CommandFlyweight.ASSIGN_TAG, A1, 1, SKU_A, L1, 0);
        l.p.command(T0, CommandFlyweight.ASSIGN_TAG, A2, 1, SKU_A, L2, 0);
        l.p.command(T0, CommandFlyweight.ASSIGN_TAG, A3, 1, SKU_A, L3, 0);
    }

    private static long move(final Lots l, final long t, final long epc, final String zone)
    {
        final int antenna;
        switch (zone)
        {
            case "dock": antenna = OpsPlant.DOCK_ANTENNA; break;
            case "store-a": antenna = OpsPlant.STORE_A_ANTENNA; break;
            case "store-b": antenna = OpsPlant.STORE_B_ANTENNA; break;
            case "qa": antenna = OpsPlant.QA_ANTENNA; break;
            case "st-1": antenna = OpsPlant.STATION_1_ANTENNA; break;
            case "st-2": antenna = OpsPlant.STATION_2_ANTENNA; break;
            case "ship": antenna = OpsPlant.SHIP_ANTENNA; break;
            default: throw new IllegalArgumentException(zone);
        }
        return l.p.moveTo(t, antenna, zone, epc, 1) + 1_000;
    }

    // ---------------------------------------------------------------- rotation

    @Test
    void shouldRaiseFefoViolationWhenLaterExpiringLotIsConsumedWhileEarlierIsAvailable()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        long t = T0 + 1_000;
        t = move(l, t, A1, "store-a");
        t = move(l, t, A3, "store-a");
        t = move(l, t, A2, "store-b");
        t = move(l, t, A1, "st-1");
        l.issue(t, A1, MovementLedger.CONSUME); // L2 expires before L1 and is in store-b
        l.issue(t + 1_000, A2, MovementLedger.SHIP); // the earliest
        l.issue(t + 2_000, A3, MovementLedger.CONSUME); // nothing else left

        final long s = t - T0;
        assertThat(l.events()).containsExactly(
            s + " issued d=9 src=0 epc=30a1/1 st-1->null q=0 r=0",
            s + " fefo_violation d=9 src=0 epc=30a1/1 null->st-1 q=12 r=11",
            (s + 1_000) + " issued d=6 src=0 epc=30a2/1 store-b->null q=0 r=0",
            (s + 2_000) + " issued d=9 src=0 epc=30a3/1 store-a->null q=0 r=0");
        assertThat(l.rejected()).isZero();
        assertThat(l.rules.droppedRows()).isZero();
    }

    @Test
    void shouldRaiseFifoViolationNamingEarliestLotWhenNewestLotIsUsed()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.ROTATION, 0, LotRules.POLICY_FIFO, LotRules.SCOPE_SITE); // site default
        long t = T0 + 1_000;
        t = move(l, t, A1, "store-a");
        t = move(l, t, A3, "store-b");
        t = move(l, t, A2, "store-a");
        l.issue(t, A2, MovementLedger.ISSUE);

        assertThat(l.events()).containsExactly(
            (t - T0) + " issued d=5 src=0 epc=30a2/1 store-a->null q=0 r=0",
            (t - T0) + " fifo_violation d=5 src=0 epc=30a2/1 null->store-a q=13 r=12");
        assertThat(l.rules.policy(SKU_A)).isEqualTo(LotRules.POLICY_FIFO);
    }

    @Test
    void shouldNotRaiseViolationWhenEarlierLotIsHeldOrAtAnotherStation()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        long t = T0 + 1_000;
        t = move(l, t, A2, "qa"); // the earliest lot, in a quality-hold zone
        t = move(l, t, A1, "store-a");
        t = move(l, t, A3, "store-a");
        l.issue(t, A3, MovementLedger.CONSUME); // L1 (before L3) is available in store-a, L2 is held
        final long first = t;
        t = move(l, t + 1_000, A2, "st-2"); // the earliest lot at another WIP station: not allocatable
        l.issue(t, A1, MovementLedger.CONSUME);

        assertThat(l.events()).filteredOn(e -> e.contains("violation")).containsExactly(
            (first - T0) + " fefo_violation d=9 src=0 epc=30a3/1 null->store-a q=11 r=13");
    }

    @Test
    void shouldNotRaiseViolationWhenEarlierLotHasHoldStatusOrReasonIsNoUse()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        long t = T0 + 1_000;
        t = move(l, t, A2, "store-b");
        t = move(l, t, A1, "store-a");
        t = move(l, t, A3, "store-a");
        l.p.command(t, CommandFlyweight.SET_TAG_STATUS, A2, 1, Ledger.STATUS_HOLD, 0, 0);
        assertThat(l.rules.available(SKU_A, L2)).as("the hold counts at the status command").isZero();
        l.p.read(t, OpsPlant.STORE_B_ANTENNA, A2, 1, -4_000);
        assertThat(l.rules.available(SKU_A, L2)).isZero();
        l.issue(t + 1_000, A1, MovementLedger.CONSUME);
        l.p.command(t + 2_000, CommandFlyweight.SET_TAG_STATUS, A2, 1, Ledger.STATUS_AVAILABLE, 0, 0);
        l.p.read(t + 2_000, OpsPlant.STORE_B_ANTENNA, A2, 1, -4_000);
        assertThat(l.rules.available(SKU_A, L2)).isEqualTo(1);
        l.issue(t + 3_000, A3, MovementLedger.ADJUST); // not a use

        assertThat(l.events()).filteredOn(e -> e.contains("violation")).isEmpty();
        assertThat(l.events()).hasSize(2);
        assertThat(l.rejected()).isZero();
    }

    @Test
    void shouldSkipExpiredEarlierLotAndRespectPolicyNone()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        long t = T0 + 1_000;
        t = move(l, t, A2, "store-a");
        t = move(l, t, A1, "store-a");
        t = move(l, t, A3, "store-b");
        l.p.pipeline.advanceTime(T0 + 6 * H); // L2 expired
        l.issue(T0 + 6 * H, A3, MovementLedger.CONSUME); // L1 is available and not expired: violation names L1

        l.command(T0 + 6 * H, LotRules.ROTATION, SKU_A, LotRules.POLICY_NONE, LotRules.SCOPE_SITE);
        l.issue(T0 + 6 * H + 1, A1, MovementLedger.CONSUME);

        assertThat(l.events()).filteredOn(e -> e.contains("violation")).containsExactly(
            (6 * H) + " fefo_violation d=9 src=0 epc=30a3/1 null->store-b q=11 r=13");
    }

    @Test
    void shouldCountEarlierLotOnlyInSameZoneWhenScopeIsZone()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_ZONE);
        long t = T0 + 1_000;
        t = move(l, t, A2, "store-b");
        t = move(l, t, A1, "store-a");
        t = move(l, t, A3, "store-a");
        l.issue(t, A3, MovementLedger.CONSUME); // L1 in the same zone: violation naming L1
        t = move(l, t + 1_000, A1, "st-1");
        l.issue(t, A1, MovementLedger.CONSUME); // L2 in store-b only: no violation in zone scope

        assertThat(l.events()).filteredOn(e -> e.contains("violation")).hasSize(1)
            .first().asString().endsWith("fefo_violation d=9 src=0 epc=30a3/1 null->store-a q=11 r=13");
        assertThat(l.rules.scope(SKU_A)).isEqualTo(LotRules.SCOPE_ZONE);
    }

    @Test
    void shouldCountEarlierLotAtTheSameStationWhenScopeIsSite()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        long t = T0 + 1_000;
        t = move(l, t, A2, "st-1");
        t = move(l, t, A1, "st-1");
        l.issue(t, A1, MovementLedger.CONSUME);

        assertThat(l.events()).containsExactly(
            (t - T0) + " issued d=9 src=0 epc=30a1/1 st-1->null q=0 r=0",
            (t - T0) + " fefo_violation d=9 src=0 epc=30a1/1 null->st-1 q=12 r=11");
    }

    @Test
    void shouldRaiseViolationWhenLedgerStatusShipsTheItem()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        long t = T0 + 1_000;
        t = move(l, t, A2, "store-a");
        t = move(l, t, A1, "ship");
        l.p.command(t, CommandFlyweight.SET_TAG_STATUS, A1, 1, Ledger.STATUS_SHIPPED, 0, 0);
        l.p.read(t + 1_000, OpsPlant.SHIP_ANTENNA, A1, 1, -4_000);

        assertThat(l.events()).as("at the status command, not at the next read")
            .filteredOn(e -> e.contains("violation"))
            .containsExactly((t - T0) + " fefo_violation d=6 src=0 epc=30a1/1 null->ship q=12 r=11");
    }

    // ---------------------------------------------------------------- expiry

    @Test
    void shouldRaiseApproachingThenExpiredOnceAtTheirDeadlines()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.EXPIRY_WARNING, SKU_A, 2 * H, 0);
        long t = T0 + 1_000;
        t = move(l, t, A2, "store-b");
        t = move(l, t, A1, "store-a");
        l.p.pipeline.advanceTime(T0 + 4 * H);
        assertThat(l.rules.status(SKU_A, L2)).isEqualTo(LotRules.STATUS_APPROACHING);
        l.p.pipeline.advanceTime(T0 + 6 * H);
        l.p.pipeline.advanceTime(T0 + 7 * H);
        l.p.pipeline.advanceTime(T0 + 11 * H); // L1: approaching at 8h and expired at 10h, in that order

        assertThat(l.events()).containsExactly(
            (3 * H) + " expiry_approaching d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (5 * H) + " expired d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (8 * H) + " expiry_approaching d=0 src=0 epc=3e9/0 null->null q=11 r=1",
            (10 * H) + " expired d=0 src=0 epc=3e9/0 null->null q=11 r=1");
        assertThat(l.rules.status(SKU_A, L2)).isEqualTo(LotRules.STATUS_EXPIRED);
        assertThat(l.rules.status(SKU_A, L3)).isEqualTo(LotRules.STATUS_OK);
        assertThat(t).isLessThan(T0 + H);
    }

    @Test
    void shouldReportAtStockInWhenLotArrivesAlreadyWithinWarningOrExpired()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.EXPIRY_WARNING, 0, 2 * H, 0); // site default
        l.p.pipeline.advanceTime(T0 + 4 * H); // no stock yet: nothing
        move(l, T0 + 4 * H, A2, "store-a");
        move(l, T0 + 11 * H, A1, "store-b"); // L1 expired at 10h: only expired

        assertThat(l.events()).containsExactly(
            (4 * H) + " expiry_approaching d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (5 * H) + " expired d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (11 * H) + " expired d=0 src=0 epc=3e9/0 null->null q=11 r=1");
    }

    @Test
    void shouldRearmWhenLotIsRedatedAndReportExpiredUse()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.EXPIRY_WARNING, SKU_A, 2 * H, 0);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        move(l, T0 + 1_000, A2, "store-b");
        move(l, T0 + 2_000, A3, "store-a");
        l.p.pipeline.advanceTime(T0 + 6 * H);
        l.command(T0 + 6 * H, OpsCommands.LOT, L2, T0 + 20 * H, T0 - 10 * H); // re-dated: ok again
        assertThat(l.rules.status(SKU_A, L2)).isEqualTo(LotRules.STATUS_OK);
        l.p.pipeline.advanceTime(T0 + 19 * H);
        l.p.pipeline.advanceTime(T0 + 23 * H);
        l.issue(T0 + 23 * H, A2, MovementLedger.CONSUME);

        assertThat(l.events()).containsExactly(
            (3 * H) + " expiry_approaching d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (5 * H) + " expired d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (18 * H) + " expiry_approaching d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (20 * H) + " expired d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (23 * H) + " issued d=9 src=0 epc=30a2/1 store-b->null q=0 r=0",
            (23 * H) + " expired_used d=9 src=0 epc=30a2/1 null->store-b q=12 r=3");
    }

    @Test
    void shouldExpireEveryLotStillInStockAtItsExpiryInTimeOrder()
    {
        final Lots l = new Lots();
        final java.util.Random random = new java.util.Random(7);
        final int n = 40;
        final long[] expiry = new long[n];
        final java.util.TreeMap<Long, Integer> issues = new java.util.TreeMap<>();
        final long[] issuedAt = new long[n];
        for (int k = 0; k < n; k++)
        {
            expiry[k] = T0 + H + random.nextInt(19 * 3_600) * 1_000L;
            l.command(T0, OpsCommands.LOT, 100 + k, expiry[k], 0);
            l.p.command(T0, CommandFlyweight.ASSIGN_TAG, 0x5000 + k, 1, 3001, 100 + k, 0);
            l.p.read(T0 + 1_000 + k, OpsPlant.STORE_A_ANTENNA, 0x5000 + k, 1, -4_000);
            if (random.nextBoolean())
            {
                final long at = random.nextBoolean() ? expiry[k] : T0 + H + random.nextInt(19 * 3_600) * 1_000L;
                issues.put(at * 64 + k, k);
                issuedAt[k] = at;
            }
        }
        for (final java.util.Map.Entry<Long, Integer> issue : issues.entrySet())
        {
            l.issue(issue.getKey() / 64, 0x5000 + issue.getValue(), MovementLedger.CONSUME);
        }
        l.p.pipeline.advanceTime(T0 + 21 * H);

        final List<String> expected = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        for (int k = 0; k < n; k++)
        {
            if (issuedAt[k] == 0 || issuedAt[k] >= expiry[k])
            {
                expected.add((expiry[k] - T0) + " expired d=0 src=0 epc=bb9/0 null->null q=" + (100 + k) + " r=1");
            }
            if (issuedAt[k] != 0 && issuedAt[k] >= expiry[k])
            {
                expected.add((issuedAt[k] - T0) + " expired_used d=9 src=0 epc=" + Long.toHexString(0x5000 + k) +
                    "/1 null->store-a q=" + (100 + k) + " r=" + (issuedAt[k] - expiry[k]) / H);
            }
        }
        final List<String> expiredEvents = new ArrayList<>();
        for (final String e : l.events())
        {
            if (!e.contains(" issued "))
            {
                expiredEvents.add(e);
                times.add(Long.parseLong(e.substring(0, e.indexOf(' '))));
            }
        }
        assertThat(expiredEvents).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(times).isSorted();
        assertThat(expected.size()).isGreaterThan(n / 2);
        assertThat(l.rejected()).isZero();
    }

    @Test
    void shouldReportExpiredAtOnceWhenLotIsRedatedIntoThePast()
    {
        final Lots l = new Lots();
        masterData(l);
        move(l, T0 + 1_000, A3, "store-a");
        l.command(T0 + H, OpsCommands.LOT, L3, T0 + H / 2, T0 - 30 * H);
        l.command(T0 + H, LotRules.EXPIRY_WARNING, SKU_A, 2 * H, 0); // already expired: nothing new

        assertThat(l.events()).containsExactly(H + " expired d=0 src=0 epc=3e9/0 null->null q=13 r=1");
    }

    // ---------------------------------------------------------------- condition monitoring

    @Test
    void shouldStartAndEndExcursionAgainstTightestLimitsOfLotsInZone()
    {
        final Lots l = new Lots();
        masterData(l);
        final int storeA = l.zone("store-a");
        l.command(T0, LotRules.SKU_TEMPERATURE, SKU_A, 200, 800);
        l.command(T0, LotRules.LOT_TEMPERATURE, L1, 0, 600); // overrides SKU A's for L1
        l.command(T0, LotRules.SKU_HUMIDITY, SKU_A, 3000, LotRules.NO_MAX);
        long t = move(l, T0 + 1_000, A1, "store-a");
        t = move(l, t, A3, "store-a"); // limits in store-a: 2.00 .. 6.00
        final long s = t - T0;
        l.temperature(t, storeA, 5.5);
        l.temperature(t + 1_000, storeA, 6.5);
        l.temperature(t + 2_000, storeA, 7.25);
        l.temperature(t + 3_000, storeA, 6.9);
        l.temperature(t + 4_000, storeA, 6.0);
        l.temperature(t + 5_000, storeA, 1.5);
        l.p.sensor(t + 5_000, 6, storeA, HUMIDITY, 25.0, RH);
        assertThat(l.rules.isExcursionActive(storeA, TEMP)).isTrue();
        final List<String> active = new ArrayList<>();
        assertThat(l.rules.activeExcursions((subject, quantity, below, sinceMs, limit, peak) ->
            active.add(subject + "/" + quantity + "/" + below + "/" + (sinceMs - T0) + "/" + limit + "/" + peak)))
            .isEqualTo(2);
        l.temperature(t + 6_000, storeA, 3.0);
        l.p.sensor(t + 7_000, 6, storeA, HUMIDITY, 45.0, 0);

        assertThat(l.events()).containsExactly(
            (s + 1_000) + " excursion_start d=1 src=5 epc=0/0 null->store-a q=600 r=650",
            (s + 4_000) + " excursion_end d=1 src=5 epc=0/0 null->store-a q=3000 r=725",
            (s + 5_000) + " excursion_start d=17 src=5 epc=0/0 null->store-a q=200 r=150",
            (s + 5_000) + " excursion_start d=18 src=6 epc=0/0 null->store-a q=3000 r=2500",
            (s + 6_000) + " excursion_end d=17 src=5 epc=0/0 null->store-a q=1000 r=150",
            (s + 7_000) + " excursion_end d=18 src=6 epc=0/0 null->store-a q=2000 r=2500");
        assertThat(active).containsExactly(
            storeA + "/1/true/" + (s + 5_000) + "/200/150",
            storeA + "/2/true/" + (s + 5_000) + "/3000/2500");
        assertThat(l.rules.isExcursionActive(storeA, TEMP)).isFalse();
    }

    @Test
    void shouldFilterNoiseWithMinimumDurationAndHysteresis()
    {
        final Lots l = new Lots();
        masterData(l);
        final int storeA = l.zone("store-a");
        l.command(T0, LotRules.SKU_TEMPERATURE, SKU_A, 200, 800);
        l.command(T0, LotRules.EXCURSION_FILTER, TEMP, 600_000, 50);
        final long t = move(l, T0 + 1_000, A1, "store-a");
        final long s = t - T0;
        l.temperature(t, storeA, 9.0);
        l.temperature(t + 60_000, storeA, 7.0); // back before 10 min: noise
        l.temperature(t + 120_000, storeA, 9.0);
        l.temperature(t + 400_000, storeA, 9.4);
        l.temperature(t + 720_000, storeA, 9.1); // 10 min outside: start
        l.temperature(t + 800_000, storeA, 7.8); // inside, but not by the 0.50 margin
        l.temperature(t + 900_000, storeA, 7.4);

        assertThat(l.events()).containsExactly(
            (s + 720_000) + " excursion_start d=1 src=5 epc=0/0 null->store-a q=800 r=910",
            (s + 900_000) + " excursion_end d=1 src=5 epc=0/0 null->store-a q=780000 r=940");
        assertThat(l.rules.suppressedExcursions()).isEqualTo(1);
    }

    @Test
    void shouldEndExcursionWhenGoodsLeaveAndMonitorContainers()
    {
        final Lots l = new Lots();
        masterData(l);
        final int storeA = l.zone("store-a");
        l.command(T0, LotRules.SKU_TEMPERATURE, SKU_A, 200, 800);
        l.p.command(T0, CommandFlyweight.ASSIGN_TAG, A3, 1, SKU_A, L3, CONTAINER);
        long t = move(l, T0 + 1_000, A1, "store-a");
        t = move(l, t, A3, "store-b");
        final long excursion = t;
        l.temperature(t, storeA, 9.0);
        l.temperature(t + 1_000, CONTAINER, -1.0);
        l.temperature(t + 1_000, l.zone("store-b"), 5.0);
        t = move(l, t + 2_000, A1, "store-b");
        l.temperature(t, storeA, 9.5); // no goods left: the excursion ends
        l.temperature(t, storeA, 9.5); // and none starts
        l.temperature(t + 1_000, CONTAINER, 4.0);
        l.temperature(t + 1_000, 99, 40.0); // a zone that never held stock
        l.p.sensor(t + 1_000, 5, storeA, 3, 1.0, 0); // unknown quantity
        l.p.sensor(t + 1_000, 5, storeA, TEMP, 1.0, 9); // unknown unit
        l.p.sensor(t + 1_000, 5, -4, TEMP, 1.0, CELSIUS); // bad subject

        assertThat(l.events()).containsExactly(
            (excursion - T0) + " excursion_start d=1 src=5 epc=0/0 null->store-a q=800 r=900",
            (excursion + 1_000 - T0) + " excursion_start d=17 src=5 epc=11170/0 null->null q=200 r=-100",
            (t - T0) + " excursion_end d=1 src=5 epc=0/0 null->store-a q=" + (t - excursion) + " r=900",
            (t + 1_000 - T0) + " excursion_end d=17 src=5 epc=11170/0 null->null q=" + (t - excursion) + " r=-100");
        assertThat(l.rules.ignoredReadings()).isEqualTo(3);
        assertThat(l.rules.isExcursionActive(CONTAINER, TEMP)).isFalse();
    }

    // ---------------------------------------------------------------- queries

    @Test
    void shouldAnswerLotQueriesWhenStockIsSpread()
    {
        final Lots l = new Lots();
        masterData(l);
        l.command(T0, LotRules.EXPIRY_WARNING, SKU_A, 6 * H, 0);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        l.p.command(T0, CommandFlyweight.ASSIGN_TAG, B1, 1, SKU_B, L2, 0);
        long t = T0 + 1_000;
        t = move(l, t, A1, "store-a");
        t = move(l, t, A2, "qa");
        t = move(l, t, A3, "store-b");
        t = move(l, t, B1, "store-b");

        final List<String> near = new ArrayList<>();
        final LotRules.LotVisitor collect = (sku, lot, expiryMs, onHand, status) ->
            near.add(sku + "/" + lot + "/" + (expiryMs - T0) / H + "h/" + onHand + "/" + status);
        assertThat(l.rules.lotsNearingExpiry(12 * H, collect)).isEqualTo(3);
        // SKU B has no warning time of its own and the site default is none; L1 is 10h away, warned 6h before
        assertThat(near).containsExactly("1001/12/5h/1/1", "1002/12/5h/1/0", "1001/11/10h/1/0");
        near.clear();
        assertThat(l.rules.lotsNearingExpiry(H, collect)).isZero();

        final long[] lots = new long[8];
        assertThat(l.rules.rankLots(SKU_A, lots)).isEqualTo(3);
        assertThat(lots).startsWith(L2, L1, L3);
        l.command(t, LotRules.ROTATION, SKU_A, LotRules.POLICY_FIFO, LotRules.SCOPE_SITE);
        assertThat(l.rules.rankLots(SKU_A, lots)).isEqualTo(3);
        assertThat(lots).startsWith(L3, L1, L2);
        assertThat(l.rules.rankLots(SKU_A, new long[2])).isEqualTo(2);
        assertThat(l.rules.rankLots(4242, lots)).isZero();

        assertThat(l.rules.onHand(SKU_A, L2)).isEqualTo(1);
        assertThat(l.rules.available(SKU_A, L2)).isZero(); // on quality hold
        assertThat(l.rules.available(SKU_A, L1)).isEqualTo(1);
        assertThat(l.rules.onHand(SKU_B, L2)).isEqualTo(1);
        assertThat(l.rules.onHand(SKU_B, L1)).isZero();
        assertThat(l.rules.status(SKU_A, L3)).isEqualTo(LotRules.STATUS_OK);
        assertThat(l.rules.status(SKU_A, 999)).isEqualTo(LotRules.STATUS_OK);
        assertThat(l.rules.nowMs()).isEqualTo(t); // the ROTATION command above

        l.p.command(t, OpsCommands.ZONE, 0, 0, l.zone("store-b"), ZoneRole.WIP_STATION, 0);
        assertThat(l.rules.available(SKU_A, L3)).isZero(); // no longer allocatable stock
        l.p.command(t, OpsCommands.ZONE, 0, 0, l.zone("store-b"), ZoneRole.STORAGE, 0);
        assertThat(l.rules.available(SKU_A, L3)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- commands

    @Test
    void shouldRejectCommandWhenArgumentsAreBadOrTablesAreFull()
    {
        final Lots l = new Lots(new LotRules.Context().tagCapacity(1024).maxSkus(2).maxLots(2));
        l.command(T0, LotRules.ROTATION, SKU_A, 3, 0);
        l.command(T0, LotRules.ROTATION, 0, -1, 0);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FIFO, 2);
        l.command(T0, LotRules.EXPIRY_WARNING, SKU_A, -5, 0);
        l.command(T0, LotRules.EXPIRY_WARNING, 0, -1, 0);
        l.command(T0, LotRules.EXPIRY_WARNING, SKU_A, LotRules.MAX_LEAD_MS + 1, 0);
        l.command(T0, LotRules.SKU_TEMPERATURE, 0, 200, 800);
        l.command(T0, LotRules.SKU_TEMPERATURE, SKU_A, 900, 800);
        l.command(T0, LotRules.SKU_HUMIDITY, SKU_A, 0, 1L << 40);
        l.command(T0, LotRules.LOT_HUMIDITY, 0, 0, 100);
        l.command(T0, LotRules.CLEAR_CONDITION_LIMITS, 3, SKU_A, 0);
        l.command(T0, LotRules.CLEAR_CONDITION_LIMITS, LotRules.LIMITS_OF_SKU, SKU_A, 3);
        l.command(T0, LotRules.EXCURSION_FILTER, 3, 0, 0);
        l.command(T0, LotRules.EXCURSION_FILTER, 0, -1, 0);
        l.command(T0, LotRules.EXCURSION_FILTER, 0, 0, -1);
        l.command(T0, 1353, 0, 0, 0);
        assertThat(l.rejected()).isEqualTo(16);

        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_ZONE); // fills the SKU table
        l.command(T0, LotRules.ROTATION, SKU_B, LotRules.POLICY_FEFO, LotRules.SCOPE_ZONE); // full
        l.command(T0, LotRules.LOT_TEMPERATURE, L1, 0, 100); // fills the lot table
        l.command(T0, LotRules.LOT_TEMPERATURE, L2, 0, 100); // full
        l.command(T0, LotRules.CLEAR_CONDITION_LIMITS, LotRules.LIMITS_OF_LOT, L2, 0); // unknown: nothing to clear
        l.command(T0, LotRules.ROTATION, SKU_A, -1, -1); // back to the defaults
        assertThat(l.rejected()).isEqualTo(18);
        assertThat(l.rules.droppedRows()).isEqualTo(2);
        assertThat(l.rules.policy(SKU_A)).isEqualTo(LotRules.POLICY_NONE);
        assertThat(l.p.counters.get(Counters.COMMANDS)).isEqualTo(4);
    }

    @Test
    void shouldCountItemsNotTrackedWhenLotRowsAreFull()
    {
        final Lots l = new Lots(new LotRules.Context().tagCapacity(1024).maxLotRows(1));
        masterData(l);
        move(l, T0 + 1_000, A1, "store-a");
        move(l, T0 + 2_000, A2, "store-a");

        assertThat(l.rules.onHand(SKU_A, L1)).isEqualTo(1);
        assertThat(l.rules.onHand(SKU_A, L2)).isZero();
        assertThat(l.rules.droppedRows()).isEqualTo(1);
    }

    @Test
    void shouldParseCommandNamesWhenReadFromHostCommandFile() throws IOException
    {
        final String text = String.join("\n",
            "1700000000000,OPS_ROTATION,0000,1001,2,1",
            "1700000000000,OPS_EXPIRY_WARNING,0000,1001,86400000",
            "1700000000000,OPS_SKU_TEMPERATURE,0000,1001,-2000,-1500",
            "1700000000000,OPS_SKU_HUMIDITY,0000,1001,3000,6000",
            "1700000000000,OPS_LOT_TEMPERATURE,0000,11,200,800",
            "1700000000000,OPS_LOT_HUMIDITY,0000,11,0,9000",
            "1700000000000,OPS_CLEAR_CONDITION_LIMITS,0000,2,11,0",
            "1700000000000,OPS_EXCURSION_FILTER,0000,0,300000,50");
        final List<Integer> codes = new ArrayList<>();
        try (HostCommandFileReader reader = new HostCommandFileReader(new StringReader(text), EpcTextDecoder.HEX))
        {
            for (HostCommand command = reader.next(); command != null; command = reader.next())
            {
                codes.add(command.command());
            }
            assertThat(reader.malformedLines()).isZero();
        }
        assertThat(codes).containsExactly(LotRules.ROTATION, LotRules.EXPIRY_WARNING, LotRules.SKU_TEMPERATURE,
            LotRules.SKU_HUMIDITY, LotRules.LOT_TEMPERATURE, LotRules.LOT_HUMIDITY, LotRules.CLEAR_CONDITION_LIMITS,
            LotRules.EXCURSION_FILTER);
    }

    @Test
    void shouldKeepLotCountsEqualToTheBaseWhenItemsMoveChangeHoldLotAndLeave()
    {
        final Lots l = new Lots();
        final long[] skus = {2001, 2002, 2003};
        final long[] lots = {21, 22, 23};
        final int[] roles = {ZoneRole.STORAGE, ZoneRole.WIP_STATION, ZoneRole.QUALITY_HOLD, ZoneRole.NONE};
        final java.util.Random random = new java.util.Random(42);
        final int items = 30;
        long stocked = 0;
        long unavailable = 0;
        for (int k = 0; k < items; k++)
        {
            l.p.command(T0, CommandFlyweight.ASSIGN_TAG, 0x4000 + k, 1, skus[k % 3], lots[k / 3 % 3], 0);
        }
        for (int step = 0; step < 3_000; step++)
        {
            final long t = T0 + 1_000 + step * 100L;
            final long epc = 0x4000 + random.nextInt(items);
            final int what = random.nextInt(100);
            if (what < 60)
            {
                l.p.read(t, 1 + random.nextInt(8), epc, 1, -4_000 - random.nextInt(2_000));
            }
            else if (what < 70)
            {
                l.p.command(t, CommandFlyweight.ASSIGN_TAG, epc, 1, skus[random.nextInt(3)],
                    lots[random.nextInt(3)], random.nextBoolean() ? CONTAINER : 0);
            }
            else if (what < 80)
            {
                l.p.command(t, CommandFlyweight.SET_TAG_STATUS, epc, 1,
                    random.nextBoolean() ? Ledger.STATUS_HOLD : Ledger.STATUS_AVAILABLE, 0, 0);
            }
            else if (what < 83)
            {
                l.issue(t, epc, new int[]{MovementLedger.CONSUME, MovementLedger.SHIP, MovementLedger.ADJUST}
                    [random.nextInt(3)]);
            }
            else if (what < 88)
            {
                l.command(t, OpsCommands.ZONE, 1 + random.nextInt(8), roles[random.nextInt(roles.length)], 0);
            }
            else
            {
                l.temperature(t, random.nextBoolean() ? CONTAINER : random.nextInt(10), random.nextInt(1_000) / 100.0);
            }
            if (step % 100 == 99)
            {
                for (final long sku : skus)
                {
                    for (final long lot : lots)
                    {
                        int onHand = 0;
                        int available = 0;
                        for (int k = 0; k < items; k++)
                        {
                            final int tag = l.p.pipeline.tags().get(0x4000 + k, 1);
                            final OperationsExtension ops = l.p.ops;
                            if (ops.isCounted(tag) && ops.skuKeyOf(tag) == sku && ops.lotIdOf(tag) == lot)
                            {
                                onHand++;
                                final int role = ops.role(ops.zoneOf(tag));
                                available += !ops.isHeld(tag) && (role == ZoneRole.NONE || role == ZoneRole.STORAGE) ?
                                    1 : 0;
                            }
                        }
                        int baseOnHand = 0;
                        for (int z = 0; z < 10; z++)
                        {
                            baseOnHand += l.p.ops.onHand(sku, lot, z);
                        }
                        assertThat(l.rules.onHand(sku, lot)).as("on hand %d/%d at %d", sku, lot, step)
                            .isEqualTo(onHand).isEqualTo(baseOnHand);
                        assertThat(l.rules.available(sku, lot)).as("available %d/%d at %d", sku, lot, step)
                            .isEqualTo(available);
                        stocked += onHand;
                        unavailable += onHand - available;
                    }
                }
            }
        }
        assertThat(l.rules.droppedRows()).isZero();
        assertThat(stocked).isGreaterThan(100);
        assertThat(unavailable).isGreaterThan(10);
    }

    // ---------------------------------------------------------------- replay and snapshot

    /** Master data, stock, an approaching lot, an excursion pending and one active. */
    private static long firstHalf(final Lots l)
    {
        masterData(l);
        final int storeA = l.zone("store-a");
        l.command(T0, LotRules.EXPIRY_WARNING, 0, 2 * H, 0);
        l.command(T0, LotRules.ROTATION, SKU_A, LotRules.POLICY_FEFO, LotRules.SCOPE_SITE);
        l.command(T0, LotRules.SKU_TEMPERATURE, SKU_A, 200, 800);
        l.command(T0, LotRules.SKU_HUMIDITY, SKU_A, 3000, 6000);
        l.command(T0, LotRules.EXCURSION_FILTER, HUMIDITY, 60_000, 100);
        l.p.command(T0, CommandFlyweight.ASSIGN_TAG, A3, 1, SKU_A, L3, CONTAINER);
        long t = T0 + 1_000;
        t = move(l, t, A1, "store-a");
        t = move(l, t, A2, "store-a");
        t = move(l, t, A3, "store-b");
        l.temperature(t, storeA, 9.0);
        l.p.sensor(t, 6, storeA, HUMIDITY, 70.0, RH);
        l.p.pipeline.advanceTime(T0 + 4 * H);
        return T0 + 4 * H;
    }

    private static void secondHalf(final Lots l, final long start)
    {
        final int storeA = l.zone("store-a");
        l.p.sensor(start, 6, storeA, HUMIDITY, 72.0, RH);
        l.temperature(start + 1_000, storeA, 7.0);
        l.temperature(start + 1_000, CONTAINER, 9.0);
        long t = move(l, start + 2_000, A1, "st-1");
        l.issue(t, A1, MovementLedger.CONSUME);
        l.p.pipeline.advanceTime(T0 + 6 * H);
        l.issue(T0 + 6 * H, A2, MovementLedger.CONSUME);
        t = move(l, T0 + 6 * H + 1_000, A3, "store-a");
        l.p.sensor(t, 6, storeA, HUMIDITY, 55.0, RH);
    }

    private static Lots run()
    {
        final Lots l = new Lots();
        secondHalf(l, firstHalf(l));
        return l;
    }

    private static List<String> queries(final Lots l)
    {
        final List<String> out = new ArrayList<>();
        l.rules.lotsNearingExpiry(100 * H, (sku, lot, expiryMs, onHand, status) ->
            out.add("lot " + sku + "/" + lot + "/" + expiryMs + "/" + onHand + "/" + status));
        l.rules.activeExcursions((subject, quantity, below, sinceMs, limit, peak) ->
            out.add("excursion " + subject + "/" + quantity + "/" + below + "/" + sinceMs + "/" + limit + "/" + peak));
        final long[] lots = new long[4];
        final int n = l.rules.rankLots(SKU_A, lots);
        for (int i = 0; i < n; i++)
        {
            out.add("rank " + lots[i]);
        }
        out.add("onHand " + l.rules.onHand(SKU_A, L3) + " available " + l.rules.available(SKU_A, L3) + " status " +
            l.rules.status(SKU_A, L2) + " dropped " + l.rules.droppedRows() + " suppressed " +
            l.rules.suppressedExcursions());
        return out;
    }

    @Test
    void shouldRaiseExpectedEventsOverWholeRun()
    {
        final Lots l = run();

        final long firstReading = 4_300; // after the three moves
        assertThat(l.events()).containsExactly(
            firstReading + " excursion_start d=1 src=5 epc=0/0 null->store-a q=800 r=900",
            (3 * H) + " expiry_approaching d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (4 * H) + " excursion_start d=2 src=6 epc=0/0 null->store-a q=6000 r=7200", // pending for 60 s and more
            (4 * H + 1_000) + " excursion_end d=1 src=5 epc=0/0 null->store-a q=" + (4 * H + 1_000 - firstReading) +
                " r=900",
            (4 * H + 1_000) + " excursion_start d=1 src=5 epc=11170/0 null->null q=800 r=900",
            (4 * H + 3_100) + " issued d=9 src=0 epc=30a1/1 st-1->null q=0 r=0",
            (4 * H + 3_100) + " fefo_violation d=9 src=0 epc=30a1/1 null->st-1 q=12 r=11",
            (5 * H) + " expired d=0 src=0 epc=3e9/0 null->null q=12 r=1",
            (6 * H) + " issued d=9 src=0 epc=30a2/1 store-a->null q=0 r=0",
            (6 * H) + " expired_used d=9 src=0 epc=30a2/1 null->store-a q=12 r=1",
            (6 * H + 2_100) + " excursion_end d=2 src=6 epc=0/0 null->store-a q=" + (6 * H + 2_100 - firstReading) +
                " r=7200");
        assertThat(l.rejected()).isZero();
    }

    @Test
    void shouldEmitIdenticalEventsWhenSameInputIsReplayed()
    {
        final Lots first = run();
        final Lots second = run();

        assertThat(second.p.events).isEqualTo(first.p.events).isNotEmpty();
        assertThat(queries(second)).isEqualTo(queries(first));
    }

    @Test
    void shouldResumeIdenticallyWhenRestoredFromSnapshot() throws IOException
    {
        final Lots straight = run();

        final Lots before = new Lots();
        final long mid = firstHalf(before);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            before.p.pipeline.writeSnapshot(out);
        }
        final Lots after = new Lots();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            after.p.pipeline.readSnapshot(in);
            assertThat(in.read()).as("the snapshot is consumed exactly").isEqualTo(-1);
        }
        assertThat(queries(after)).isEqualTo(queries(before));
        secondHalf(after, mid);

        final List<String> tail = straight.p.events.subList(before.p.events.size(), straight.p.events.size());
        assertThat(after.p.events).isEqualTo(tail).isNotEmpty();
        assertThat(queries(after)).isEqualTo(queries(straight));
    }
}
