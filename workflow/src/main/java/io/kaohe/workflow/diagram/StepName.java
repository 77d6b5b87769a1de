package io.kaohe.workflow.diagram;

/**
 * An element's name in the users' words: the models name every element "中文 / English"; the
 * Chinese half and the English half, the whole name for both when it has no slash.
 */
record StepName(String zh, String en) {

    static StepName of(String modelName) {
        if (modelName == null || modelName.isBlank()) {
            return new StepName(null, null);
        }
        int slash = modelName.indexOf('/');
        if (slash < 0) {
            return new StepName(modelName.strip(), modelName.strip());
        }
        String zh = modelName.substring(0, slash).strip();
        String en = modelName.substring(slash + 1).strip();
        return new StepName(zh.isEmpty() ? en : zh, en.isEmpty() ? zh : en);
    }
}
