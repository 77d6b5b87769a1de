package io.kaohe.deploy;

import java.util.Map;

/**
 * One running instance of an application: its process name (the application's, or with the
 * instance's number in HA mode), its port and the environment it needs beyond the common one.
 */
record Service(String name, App app, int port, Map<String, String> environment) {

    int managementPort() {
        return Ports.management(port);
    }

    String readinessUrl() {
        return "http://127.0.0.1:" + managementPort() + "/actuator/health/readiness";
    }
}
