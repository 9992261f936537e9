package io.vigil.contracts.hubevents;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * Something the hub saw happen: a device's login refused at the broker, or a change (or attempted change) of the
 * hub's CA certificates or diagnostic settings. Hub-wide events have no device: their {@code deviceId} is '' and they go to the hub's topic.
 *
 * @param id       unique per notice, so a consumer that sees it twice (a redelivery) acts once
 * @param kind     {@link #AUTHENTICATION_FAILED}, a certificate or diagnostic setting change, {@link #TWIN_UPDATED}
 * @param reason   for a failed authentication one of {@code invalid-signature}, {@code expired-token},
 *                 {@code thumbprint-mismatch}, {@code certificate-expired}, {@code unknown-device},
 *                 {@code disabled-device}, {@code wrong-authentication-type}, {@code wrong-resource} (a token for another
 *                 identity), {@code untrusted-certificate} (a chain to none of the hub's CA certificates, or a leaf
 *                 whose common name is not the device id), {@code unverified-certificate-authority} (a chain to a CA
 *                 certificate of the hub that has not been verified), {@code malformed-credentials}
 * @param moduleId the module that tried, '' for the device itself
 * @param count    how many such events this notice stands for: a device failing again and again is reported at most
 *                 once per reason and interval, with the number of attempts
 * @param firstAt  when the first of them happened
 * @param lastAt   when the last of them happened
 * @param actor    who made a change (the operator's token subject); null for a login
 * @param target   what a change was about (the certificate's or diagnostic setting's name); null for a login
 */
@RegisterForReflection
public record HubEventNotice(int version, String id, String hub, String deviceId, String moduleId, String kind, String reason,
                             String clientAddress, int count, Instant firstAt, Instant lastAt, String actor, String target) {

    public static final int CURRENT_VERSION = 1;
    public static final String AUTHENTICATION_FAILED = "authentication-failed";
    public static final String CERTIFICATE_ADDED = "certificate-added";
    public static final String CERTIFICATE_ADD_FAILED = "certificate-add-failed";
    public static final String CERTIFICATE_DELETED = "certificate-deleted";
    public static final String CERTIFICATE_DELETE_FAILED = "certificate-delete-failed";
    /** An attempt to add or edit a diagnostic setting; {@code reason} says why when it failed. */
    public static final String DIAGNOSTIC_SETTING_CHANGED = "diagnostic-setting-changed";
    /** An attempt to delete a diagnostic setting; {@code reason} says why when it failed. */
    public static final String DIAGNOSTIC_SETTING_DELETED = "diagnostic-setting-deleted";
    /**
     * Updates of a device's twin or module twins, by the device (a reported-properties patch) or an operator (a
     * twin PATCH or PUT), folded per device and interval: {@code count} of them between {@code firstAt} and
     * {@code lastAt}. Twin-service's own writes (alerts, connection state) are not twin updates.
     */
    public static final String TWIN_UPDATED = "twin-updated";
}
