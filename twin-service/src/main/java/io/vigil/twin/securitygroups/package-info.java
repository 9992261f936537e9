/**
 * A device's security group ({@code tags.securityGroup} of its device twin) announced to detection-service, which
 * applies the custom alert rules of the group: one retained notice per device, published after each twin change that
 * moves the device in or out of a group.
 */
package io.vigil.twin.securitygroups;
