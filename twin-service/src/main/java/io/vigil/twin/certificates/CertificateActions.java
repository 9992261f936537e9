package io.vigil.twin.certificates;

/** The audit trail's names of the changes of a hub's CA certificates, refused attempts included. */
public final class CertificateActions {

    public static final String ADD = "certificate.add";
    /** An add whose caller asserted possession of the key ({@code properties.isVerified} true): IoT Hub's verify on upload. */
    public static final String ADD_VERIFIED = "certificate.add-verified";
    public static final String DELETE = "certificate.delete";
    public static final String GENERATE_VERIFICATION_CODE = "certificate.generate-verification-code";
    public static final String VERIFY = "certificate.verify";

    private CertificateActions() {
    }

    /** Tells an admin's assertion of possession apart from a plain upload, so the trail shows who vouched for a CA. */
    public static String add(boolean verifiedOnUpload) {
        return verifiedOnUpload ? ADD_VERIFIED : ADD;
    }
}
