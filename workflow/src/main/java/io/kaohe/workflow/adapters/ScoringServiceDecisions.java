package io.kaohe.workflow.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaohe.support.clients.ServiceClientsConfiguration;
import io.kaohe.workflow.process.InspectionFinding;
import io.kaohe.workflow.process.ScoringDecisions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * Records an inspection finding's proposed deduction as a decision in scoring-service
 * ({@code POST /api/scoring/cycles/{cycle}/decisions}, kind DEDUCTION, reason = the problem,
 * source = where it was found), with workflow's own service token on behalf of the inspector. Each finding key is recorded
 * once: the decision's id is kept in {@code finding_decision}, committed at once (its own
 * transaction), so a job that runs again after a later failure skips what scoring already has.
 */
@Component
class ScoringServiceDecisions implements ScoringDecisions {

    private final RestClient scoring;
    private final JdbcClient db;
    private final TransactionTemplate ownTransaction;

    ScoringServiceDecisions(RestClient.Builder builder, OAuth2AuthorizedClientManager manager, JdbcClient db,
                            PlatformTransactionManager transactions,
                            @Value("${kaohe.services.scoring-url:http://127.0.0.1:8083}") String scoringUrl) {
        OAuth2ClientHttpRequestInterceptor serviceToken = new OAuth2ClientHttpRequestInterceptor(manager);
        serviceToken.setClientRegistrationIdResolver(request -> ServiceClientsConfiguration.REGISTRATION);
        this.scoring = builder.clone().baseUrl(scoringUrl).requestInterceptor(serviceToken).build();
        this.db = db;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public String recordFinding(String cycleId, String unitCode, String findingKey, InspectionFinding finding,
                                String inspectedBy) {
        Optional<String> recorded = ownTransaction.execute(tx -> db.sql(
                "select decision_id from finding_decision where finding_key = ?").param(findingKey)
                .query(String.class).optional());
        if (recorded != null && recorded.isPresent()) {
            return recorded.get();
        }
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("unitCode", unitCode);
        decision.put("itemCode", finding.itemCode());
        decision.put("kind", "DEDUCTION");
        decision.put("amount", finding.proposedDeduction());
        decision.put("reason", finding.problem());
        decision.put("source", finding.source() + "（阶段性考核，" + inspectedBy + "）");
        decision.put("date", finding.date());
        decision.put("evidenceRefs", finding.evidence());
        // Recorded in the inspector's name: scoring takes a service's decision only on someone's behalf.
        decision.put("onBehalfOf", inspectedBy);
        JsonNode answer = scoring.post().uri("/api/scoring/cycles/{cycle}/decisions", cycleId)
                .contentType(MediaType.APPLICATION_JSON).body(decision).retrieve().body(JsonNode.class);
        String decisionId = answer == null ? "" : answer.path("decision").path("id").asText("");
        ownTransaction.executeWithoutResult(tx -> db.sql(
                "insert into finding_decision (finding_key, decision_id) values (?, ?) on conflict do nothing")
                .params(findingKey, decisionId).update());
        return decisionId;
    }
}
