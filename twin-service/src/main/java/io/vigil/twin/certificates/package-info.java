/**
 * A hub's CA certificates: uploaded by admins, verified by proof of possession of their keys (or vouched for on
 * upload), audited, and, once verified, the trust anchors of certificate-authenticated devices.
 */
package io.vigil.twin.certificates;
