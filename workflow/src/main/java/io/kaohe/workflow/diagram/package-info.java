/**
 * The process drawn: a model's BPMN for the portal's diagram, the count of a cycle's units at each
 * step, and where one unit stands, all named in the users' words (never an activity or group id
 * where a name is known).
 */
package io.kaohe.workflow.diagram;
