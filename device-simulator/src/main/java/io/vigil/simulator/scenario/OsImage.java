package io.vigil.simulator.scenario;

import java.util.List;

/**
 * The operating system a simulated device runs, with the account its application uses. A handful of common
 * IoT images so a fleet is not uniform.
 */
public record OsImage(String name, String version, String vendor, String architecture, String bootDevice,
               long memoryKb, Account appUser) {

    static final List<OsImage> ALL = List.of(
            new OsImage("Raspbian GNU/Linux", "11 (bullseye)", "Raspberry Pi Foundation", "armv7l",
                    "/dev/mmcblk0p2", 948_304, new Account("1000", "pi")),
            new OsImage("Ubuntu", "22.04.4 LTS (Jammy Jellyfish)", "Canonical", "aarch64",
                    "/dev/mmcblk0p2", 3_884_096, new Account("1000", "ubuntu")),
            new OsImage("Debian GNU/Linux", "12 (bookworm)", "Debian", "x86_64",
                    "/dev/sda1", 2_013_400, new Account("1000", "iot")));
}
