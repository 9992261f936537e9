package io.vigil.twin.agentconfig;

/**
 * One setting of an agent's configuration: its type and, for integers, the bounds the agent enforces.
 */
record Setting(String name, SettingType type, long min, long max) {

    static Setting of(String name, SettingType type) {
        return new Setting(name, type, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static Setting integer(String name, long min, long max) {
        return new Setting(name, SettingType.INTEGER, min, max);
    }
}
