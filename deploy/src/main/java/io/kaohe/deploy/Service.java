package io.kaohe.deploy;

import java.util.Map;

/**
 * One of the platform's applications: where its jar is, its port, its database (if any) and
 * the environment it needs beyond the common one.
 */
record Service(String name, int port, String database, Map<String, String> environment) {

    String jar() {
        return name + "/target/" + name + ".jar";
    }

    String readinessUrl() {
        return "http://127.0.0.1:" + port + "/actuator/health/readiness";
    }
}
