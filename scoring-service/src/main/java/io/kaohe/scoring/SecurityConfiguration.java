package io.kaohe.scoring;

import io.kaohe.support.security.PlatformSecurity;
import io.kaohe.support.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API call needs a token for this service. Roles are checked here (refusals audited by the
 * platform); what a caller may see or decide on is then decided on the object.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.apply(http)
                .authorizeHttpRequests(a -> a
                        // People decide here; workflow records an inspection's findings by RecordDecision commands.
                        .requestMatchers(HttpMethod.POST, "/api/scoring/cycles/*/decisions")
                        .hasAnyRole(Roles.DEPT_REVIEWER, Roles.INSPECTOR)
                        // A department's decisions from its workbook: the same people, each row checked as one decision.
                        .requestMatchers(HttpMethod.POST, "/api/scoring/cycles/*/decision-workbook",
                                "/api/scoring/cycles/*/decision-workbook/preview")
                        .hasAnyRole(Roles.DEPT_REVIEWER, Roles.INSPECTOR)
                        .requestMatchers(HttpMethod.GET, "/api/scoring/cycles/*/decision-workbook")
                        .hasAnyRole(Roles.DEPT_REVIEWER, Roles.INSPECTOR, Roles.OFFICE_ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/scoring/cycles/*/recompute",
                                "/api/scoring/cycles/*/grades/proposals", "/api/scoring/cycles/*/approval/reopen")
                        .hasRole(Roles.OFFICE_ADMIN)
                        .requestMatchers(HttpMethod.PUT, "/api/scoring/cycles/*/grading").hasRole(Roles.OFFICE_ADMIN)
                        // The office previews the 通报 before publishing; once published the units read it too.
                        .requestMatchers(HttpMethod.POST, "/api/scoring/cycles/*/notice/preview")
                        .hasRole(Roles.OFFICE_ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/scoring/cycles/*/notice", "/api/scoring/cycles/*/notice.*")
                        .hasAnyRole(Roles.OFFICE_ADMIN, Roles.LEADER, Roles.SERVICE, Roles.UNIT_REPORTER, Roles.UNIT_HEAD)
                        // The 驾驶舱 is the leaders' (and the office's) view of a whole cycle.
                        .requestMatchers(HttpMethod.GET, "/api/scoring/cycles/*/cockpit")
                        .hasAnyRole(Roles.OFFICE_ADMIN, Roles.LEADER)
                        // Earlier years' published results, imported for the cockpit: the office's alone.
                        .requestMatchers("/api/scoring/past-years", "/api/scoring/past-years/**")
                        .hasRole(Roles.OFFICE_ADMIN)
                        .requestMatchers("/api/scoring/cycles/*/results", "/api/scoring/cycles/*/results.xlsx",
                                "/api/scoring/cycles/*/grades", "/api/scoring/cycles/*/grades/preview",
                                "/api/scoring/cycles/*/grading")
                        .hasAnyRole(Roles.OFFICE_ADMIN, Roles.LEADER, Roles.SERVICE)
                        // 民主测评: the office runs surveys, leaders read them; a ballot needs no account, only
                        // its one-time code (these two paths and nothing else are open).
                        .requestMatchers(HttpMethod.POST, "/api/scoring/ballots", "/api/scoring/ballots/form")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/scoring/cycles/*/surveys", "/api/scoring/surveys/*/codes",
                                "/api/scoring/surveys/*/open", "/api/scoring/surveys/*/close")
                        .hasRole(Roles.OFFICE_ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/scoring/cycles/*/surveys", "/api/scoring/surveys/*",
                                "/api/scoring/surveys/*/results", "/api/scoring/surveys/*/results.xlsx")
                        .hasAnyRole(Roles.OFFICE_ADMIN, Roles.LEADER)
                        .requestMatchers("/api/scoring/surveys/**").denyAll()
                        .requestMatchers("/api/scoring/**").authenticated()
                        .anyRequest().denyAll())
                .build();
    }
}
