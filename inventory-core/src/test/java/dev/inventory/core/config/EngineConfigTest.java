package dev.inventory.core.config;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineConfigTest
{
    @Test
    void shouldNameTheBadFieldWhenBuildFails()
    {
        assertThatThrownBy(() -> EngineConfig.builder().ringCapacity(1000).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ringCapacity");
        assertThatThrownBy(() -> EngineConfig.builder().presenceTimeoutMs(0).build())
            .hasMessageStartingWith("presenceTimeoutMs");
        assertThatThrownBy(() -> EngineConfig.builder().zoneSlopeDbPerMs(0.1).build())
            .hasMessageStartingWith("zoneSlopeDbPerMs");
        assertThatThrownBy(() -> EngineConfig.builder().journalSyncLevel(3).build())
            .hasMessageStartingWith("journalSyncLevel");
        assertThatThrownBy(() -> EngineConfig.builder().zone("dock", 1, 0).build())
            .hasMessageStartingWith("zones.dock");
    }

    @Test
    void shouldReadPropertiesWithNamedReadersAndZones()
    {
        final Properties p = new Properties();
        p.setProperty("reader.dock-door", "5");
        p.setProperty("zones.dock", "dock-door:1, dock-door:2");
        p.setProperty("zones.store", "6:1");
        p.setProperty("presence.timeoutMs", "60_000");
        p.setProperty("zone.marginDb", "4.5");
        p.setProperty("engine.idle", "spin");
        final EngineConfig config = EngineConfig.fromProperties(p).build();
        assertThat(config.presenceTimeoutMs()).isEqualTo(60_000);
        assertThat(config.zoneMarginDb()).isEqualTo(4.5);
        assertThat(config.zones().get("dock")).containsExactly(
            new EngineConfig.AntennaRef(5, 1), new EngineConfig.AntennaRef(5, 2));
        assertThat(config.zones().get("store")).containsExactly(new EngineConfig.AntennaRef(6, 1));
        assertThat(config.readers()).containsEntry("dock-door", 5);
    }

    @Test
    void shouldRejectUnknownKeysAndBadValuesNamingTheKey()
    {
        final Properties unknown = new Properties();
        unknown.setProperty("presence.timeout", "5");
        assertThatThrownBy(() -> EngineConfig.fromProperties(unknown)).hasMessageContaining("presence.timeout");

        final Properties bad = new Properties();
        bad.setProperty("dedup.windowMs", "abc");
        assertThatThrownBy(() -> EngineConfig.fromProperties(bad)).hasMessageStartingWith("dedup.windowMs");

        final Properties badZone = new Properties();
        badZone.setProperty("zones.dock", "1-2");
        assertThatThrownBy(() -> EngineConfig.fromProperties(badZone)).hasMessageStartingWith("zones.dock");
    }
}
