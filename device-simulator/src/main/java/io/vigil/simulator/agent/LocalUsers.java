package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Snapshot of the device's local accounts and their groups. */
public final class LocalUsers extends SnapshotEvent<LocalUsers, LocalUsers.User> {

    LocalUsers() {
        super("LocalUsers", EventType.SECURITY);
    }

    /** One account; its groups go on the wire as {@code ;}-separated ids and names. */
    public static final class User extends PayloadItem<User> {

        private final String userId;
        private final String userName;
        private final List<String> groupIds = new ArrayList<>();
        private final List<String> groupNames = new ArrayList<>();

        private User(String userId, String userName) {
            this.userId = Objects.requireNonNull(userId, "userId");
            this.userName = Objects.requireNonNull(userName, "userName");
        }

        public static User of(String userId, String userName) {
            return new User(userId, userName);
        }

        public User group(String groupId, String groupName) {
            groupIds.add(Objects.requireNonNull(groupId, "groupId"));
            groupNames.add(Objects.requireNonNull(groupName, "groupName"));
            return this;
        }

        public String userName() {
            return userName;
        }

        @Override
        void writeFields(ObjectNode item) {
            item.put("GroupIds", String.join(";", groupIds));
            item.put("GroupNames", String.join(";", groupNames));
            item.put("UserId", userId);
            item.put("UserName", userName);
        }
    }
}
