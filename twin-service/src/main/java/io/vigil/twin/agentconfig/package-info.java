/** The security agents' configurations in desired properties, checked the way the agents will read them. */
package io.vigil.twin.agentconfig;
