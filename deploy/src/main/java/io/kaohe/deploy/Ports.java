package io.kaohe.deploy;

/**
 * The platform's ports: fixed defaults, shifted together by an offset. Every application also
 * answers health, info and metrics on its management port, its own port + 1000.
 *
 * <p>In HA mode the entry ports (gateway 8080, services 8081–8086) are the load balancer's, and
 * the two instances of each application have ports of their own: 8060–8066 and 8070–8076
 * (gateway, rubric, evidence, scoring, workflow, notification, audit); Kafka's nodes listen on 19092, 19094, 19096
 * (controllers on the port after each), Redis on 16379.
 */
record Ports(int offset) {

    static final int MANAGEMENT_DISTANCE = 1000;

    int gateway() { return entry(App.GATEWAY); }
    int rubric() { return entry(App.RUBRIC); }
    int evidence() { return entry(App.EVIDENCE); }
    int scoring() { return entry(App.SCORING); }
    int workflow() { return entry(App.WORKFLOW); }
    int notification() { return entry(App.NOTIFICATION); }
    int audit() { return entry(App.AUDIT); }
    int keycloak() { return 8180 + offset; }
    int keycloakManagement() { return 9180 + offset; }
    int postgres() { return 15432 + offset; }
    int objectStore() { return 19000 + offset; }
    int kafka() { return 19092 + offset; }
    int kafkaController() { return 19093 + offset; }
    int mailSmtp() { return 17025 + offset; }
    int mailImap() { return 17143 + offset; }
    int mailApi() { return 17080 + offset; }
    int redis() { return 16379 + offset; }

    /** Where an application is reached: itself (plain platform) or the load balancer in front of it (HA). */
    int entry(App app) {
        return 8080 + app.ordinal() + offset;
    }

    /** The port of one instance (1 or 2) of an application in HA mode. */
    int instance(App app, int replica) {
        if (replica < 1 || replica > 2) {
            throw new IllegalArgumentException("instance " + replica + " of " + app.module);
        }
        return 8060 + app.ordinal() + 10 * (replica - 1) + offset;
    }

    /** Kafka node {@code i}'s client port in HA mode (1-based); its controller listens on the next port. */
    int kafkaNode(int i) {
        return kafka() + 2 * (i - 1);
    }

    static int management(int appPort) {
        return appPort + MANAGEMENT_DISTANCE;
    }
}
