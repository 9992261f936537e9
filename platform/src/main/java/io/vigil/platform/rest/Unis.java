package io.vigil.platform.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/** The stores answer with Vert.x futures; Quarkus REST awaits a Uni. */
public final class Unis {

    private Unis() {
    }

    public static <T> Uni<T> from(Future<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }
}
