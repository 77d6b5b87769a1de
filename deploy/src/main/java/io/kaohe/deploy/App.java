package io.kaohe.deploy;

/** The platform's applications, in the order of their ports; each has its own database but the gateway. */
enum App {

    GATEWAY("gateway", null),
    RUBRIC("rubric-service", "rubric"),
    EVIDENCE("evidence-service", "evidence"),
    SCORING("scoring-service", "scoring"),
    WORKFLOW("workflow", "workflow"),
    NOTIFICATION("notification-service", "notification"),
    AUDIT("audit-service", "audit");

    static final java.util.List<App> SERVICES = java.util.List.of(RUBRIC, EVIDENCE, SCORING, WORKFLOW, NOTIFICATION,
            AUDIT);

    final String module;
    final String database;

    App(String module, String database) {
        this.module = module;
        this.database = database;
    }

    String jar() {
        return module + "/target/" + module + ".jar";
    }
}
