package io.vigil.contracts.hub;

import java.util.regex.Pattern;

/**
 * The device and module ids IoT Hub allows: letters, digits and {@code - . % _ * ? ! ( ) , : = @ $ '}, 1 to 128 of
 * them. Ingest refuses topics with other ids and the registry refuses to create them, so the two always agree.
 */
public final class IdentityIds {

    /** Says what a valid id is, for error messages. */
    public static final String RULE = "device and module ids may hold letters, digits and - . % _ * ? ! ( ) , : = @ $ ' only, at most 128";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.%_*?!(),:=@$']{1,128}");

    private IdentityIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
