/**
 * The rule engine: rule packs (vendor signals, milestones, profiles, citations) loaded from data
 * files, matched against an inventory, and judged at a date.
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.builtIn();                       // seeds/ on the classpath
 * RuleEngine engine = new RuleEngine(rules, Clock.systemUTC());
 * List<Finding> findings = engine.evaluate(inventory, products, "us-federal", null); // null: today
 * }</pre>
 */
package io.banwatch.rules;
