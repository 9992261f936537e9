package io.vigil.simulator.scenario;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Who a simulated device is: identity, operating system, clock offset and place on the site network. Everything
 * here is derived from the device id alone, so a device looks the same in every run whatever the seed, and its
 * twin and raw events stay consistent across runs.
 * <p>
 * The simulated site network is {@code 10.20.0.0/16}: the router and time server at {@code .0.1}, DNS at
 * {@code .0.2}, a package mirror at {@code .0.3}, the application gateway at {@code .0.10} and the operators'
 * workstation at {@code .0.50}. Devices take addresses from {@code 10.20.1.0} up.
 */
public record DeviceProfile(String deviceId, String agentId, String hostName, String lanAddress,
                            ZoneOffset localOffset, OsImage os) {

    public static final String SITE_NETWORK = "10.20.0.0/16";
    public static final String ROUTER = "10.20.0.1";
    public static final String DNS_SERVER = "10.20.0.2";
    public static final String PACKAGE_MIRROR = "10.20.0.3";
    public static final String APPLICATION_GATEWAY = "10.20.0.10";
    public static final String ADMIN_WORKSTATION = "10.20.0.50";

    private static final List<ZoneOffset> OFFSETS = List.of(
            ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(2), ZoneOffset.ofHours(-5),
            ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(9), ZoneOffset.ofHours(-8));

    public static DeviceProfile of(String deviceId) {
        int hash = spread(deviceId.hashCode());
        // A name-based UUID: the same device id always gets the same agent id.
        String agentId = UUID.nameUUIDFromBytes(("vigil-simulator/" + deviceId).getBytes(StandardCharsets.UTF_8))
                .toString();
        int host = Math.floorMod(hash, 254 * 250);
        String lanAddress = "10.20." + (1 + host / 250) + "." + (2 + host % 250);
        ZoneOffset offset = OFFSETS.get(Math.floorMod(hash >>> 8, OFFSETS.size()));
        OsImage os = OsImage.ALL.get(Math.floorMod(hash >>> 16, OsImage.ALL.size()));
        return new DeviceProfile(deviceId, agentId, deviceId.toLowerCase(java.util.Locale.ROOT), lanAddress, offset, os);
    }

    public Account appUser() {
        return os.appUser();
    }

    /** Home directory of an account, for command lines. */
    public static String home(Account account) {
        return account.userId().equals("0") ? "/root" : "/home/" + account.userName();
    }

    /** Bit mixing so that neighbouring ids ({@code dev-1}, {@code dev-2}) do not get neighbouring properties. */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
