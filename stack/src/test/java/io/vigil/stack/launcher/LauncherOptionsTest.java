package io.vigil.stack.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherOptionsTest {

    @Test
    void embeddedByDefault() {
        LauncherOptions options = LauncherOptions.parse(new String[0], Map.of());
        assertThat(options.databaseUrl()).isEmpty();
        assertThat(options.brokerUrl()).isEmpty();
        assertThat(options.httpPortBase()).isEqualTo(8081);
        assertThat(options.clean()).isFalse();
    }

    @Test
    void flagsWinOverEnvironment() {
        LauncherOptions options = LauncherOptions.parse(
                new String[]{"--database-url", "postgresql://flag@db:5432/vigil", "--clean", "--data-dir", "/tmp/x"},
                Map.of("VIGIL_DATABASE_URL", "postgresql://env@db/vigil", "VIGIL_BROKER_URL", "mqtt://broker:1884"));
        assertThat(options.databaseUrl()).contains("postgresql://flag@db:5432/vigil");
        assertThat(options.brokerUrl()).contains("mqtt://broker:1884");
        assertThat(options.dataDir()).contains(Path.of("/tmp/x"));
        assertThat(options.clean()).isTrue();
    }

    @Test
    void devicesMustLogInUnlessTurnedOff() {
        assertThat(LauncherOptions.parse(new String[0], Map.of()).deviceAuth()).isTrue();
        assertThat(LauncherOptions.parse(new String[]{"--device-auth", "off"}, Map.of()).deviceAuth()).isFalse();
        assertThat(LauncherOptions.parse(new String[0], Map.of("VIGIL_DEVICE_AUTH", "off")).deviceAuth()).isFalse();
        assertThat(LauncherOptions.parse(new String[]{"--device-auth", "on"}, Map.of("VIGIL_DEVICE_AUTH", "off")).deviceAuth()).isTrue();
        assertThatThrownBy(() -> LauncherOptions.parse(new String[]{"--device-auth", "maybe"}, Map.of()))
                .isInstanceOf(LauncherException.class).hasMessageContaining("on or off");
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> LauncherOptions.parse(new String[]{"--nope"}, Map.of()))
                .isInstanceOf(LauncherException.class).hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[]{"--http-port-base", "x"}, Map.of()))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[]{"--database-url"}, Map.of()))
                .hasMessageContaining("needs a value");
    }

    @Test
    void endpointsCarryCredentialsAndDefaults() {
        Endpoint db = Endpoint.parse("postgresql://vigil:s%40cret@db.example:6543/prod", "postgresql", 5432);
        assertThat(db).isEqualTo(new Endpoint("db.example", 6543, "vigil", "s@cret", "prod"));
        Endpoint broker = Endpoint.parse("mqtt://broker", "mqtt", 1883);
        assertThat(broker.port()).isEqualTo(1883);
        assertThat(broker.user()).isNull();
        assertThatThrownBy(() -> Endpoint.parse("http://x", "mqtt", 1883)).hasMessageContaining("expected a mqtt:// URL");
    }
}
