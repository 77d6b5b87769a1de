package io.kaohe.deploy;

/** The platform's ports: fixed defaults, shifted together by an offset. */
record Ports(int offset) {

    int gateway() { return 8080 + offset; }
    int rubric() { return 8081 + offset; }
    int evidence() { return 8082 + offset; }
    int scoring() { return 8083 + offset; }
    int workflow() { return 8084 + offset; }
    int notification() { return 8085 + offset; }
    int keycloak() { return 8180 + offset; }
    int keycloakManagement() { return 9180 + offset; }
    int postgres() { return 15432 + offset; }
    int objectStore() { return 19000 + offset; }
    int kafka() { return 19092 + offset; }
    int kafkaController() { return 19093 + offset; }
    int mailSmtp() { return 17025 + offset; }
    int mailImap() { return 17143 + offset; }
    int mailApi() { return 17080 + offset; }
}
