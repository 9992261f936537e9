/** The hubs' audit trail: who changed certificates and identities, and whether it worked. */
package io.vigil.twin.audit;
