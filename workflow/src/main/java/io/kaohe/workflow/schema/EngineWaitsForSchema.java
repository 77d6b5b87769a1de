package io.kaohe.workflow.schema;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * The process engine is built after the database initializers ({@link EngineSchema}, Flyway): with
 * schema-update off it checks Camunda's tables as it starts, so they must be there and current. Registered in
 * META-INF/spring.factories, as Spring Boot finds its own detectors.
 */
public class EngineWaitsForSchema implements DependsOnDatabaseInitializationDetector {

    @Override
    public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
        return Arrays.stream(beanFactory.getBeanNamesForType(ProcessEngineFactoryBean.class, true, false))
                .map(BeanFactoryUtils::transformedBeanName)
                .collect(Collectors.toSet());
    }
}
