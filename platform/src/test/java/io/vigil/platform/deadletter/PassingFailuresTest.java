package io.vigil.platform.deadletter;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class PassingFailuresTest {

    @Test
    void theDatabaseOrTheNetworkBeingAwayPasses() {
        assertThat(PassingFailures.isPassing(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
        assertThat(PassingFailures.isPassing(new PgException("the database system is starting up", "FATAL", "57P03", null))).isTrue();
        assertThat(PassingFailures.isPassing(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
        assertThat(PassingFailures.isPassing(new PgException("too many connections", "FATAL", "53300", null))).isTrue();
        assertThat(PassingFailures.isPassing(new PgException("deadlock detected", "ERROR", "40P01", null))).isTrue();
        assertThat(PassingFailures.isPassing(new ConnectException("Connection refused"))).isTrue();
        assertThat(PassingFailures.isPassing(new TimeoutException())).isTrue();
        assertThat(PassingFailures.isPassing(new VertxException("Connection is closed", true))).isTrue();
        assertThat(PassingFailures.isPassing(new IllegalStateException("batch failed", new ConnectException("refused")))).isTrue();
    }

    @Test
    void whatTheDataOrTheCodeCausesDoesNot() {
        assertThat(PassingFailures.isPassing(new PgException("invalid byte sequence for encoding UTF8: 0x00", "ERROR", "22021", null)))
                .isFalse();
        assertThat(PassingFailures.isPassing(new PgException("null value in column", "ERROR", "23502", null))).isFalse();
        assertThat(PassingFailures.isPassing(new NullPointerException())).isFalse();
        assertThat(PassingFailures.isPassing(new IllegalArgumentException("cannot parse the event"))).isFalse();
    }
}
