// Misspelt condition keys and operators, and set operators on single-valued keys: IAM accepts the
// first (unknown aws: keys are simply absent), rejects unknown operators, and evaluates the last
// in surprising ways, so each silently changes what a data perimeter enforces.
import type { Loc } from '../model';
import type { Rule } from '../rule';
import { closestConditionKey, closestOperator, conditionKeyInfo, parseOperator } from '../policy/keys';
import { fixOf } from './fixes';
import { keyTaken, keyWrittenTwice, operatorTaken } from './policies';
import { exactTextLoc } from './source-text';

export const rule: Rule = {
  meta: {
    code: 'VPCE606',
    name: 'condition-key-typo',
    severity: 'error',
    formats: ['terraform', 'cloudformation', 'policy'],
    fixable: true,
    docs: {
      summary: 'Finds condition keys that are near misses of AWS global keys, unknown condition operators, and set operators on single-valued keys.',
      why: [
        'IAM does not reject an unknown `aws:` condition key: the request simply never carries it. `aws:SourceVpcId` in a',
        '`StringEquals` never matches (nothing is allowed), and in a `StringNotEquals` always matches (everything is',
        'denied), whatever endpoint the request used. Keys compare case-insensitively, so `aws:sourcevpce` is fine.',
        'An unknown operator such as `StringEqual` makes AWS reject the whole policy. `ForAnyValue:`/`ForAllValues:`',
        'compare multi-valued keys; on a single-valued key such as `aws:SourceVpce`, `ForAllValues:` is true when the key',
        'is absent, so an `Allow` also admits requests that did not come through any endpoint.',
      ].join(' '),
      fix: 'Replaces the key or operator with the one it is closest to, keeping the quoting; drops the set prefix from an operator whose keys are all single-valued. Safe when there is exactly one candidate.',
      examples: [
        {
          format: 'terraform',
          bad: 'condition {\n  test     = "StringEquals"\n  variable = "aws:SourceVpcId"\n  values   = [aws_vpc.main.id]\n}',
          good: 'condition {\n  test     = "StringEquals"\n  variable = "aws:SourceVpc"\n  values   = [aws_vpc.main.id]\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'Condition:\n  StringEqual:\n    aws:SourceVpce: !Ref S3Endpoint',
          good: 'Condition:\n  StringEquals:\n    aws:SourceVpce: !Ref S3Endpoint',
        },
        {
          format: 'cloudformation-json',
          bad: '"Condition": {"ForAnyValue:StringEquals": {"aws:SourceVpce": {"Ref": "S3Endpoint"}}}',
          good: '"Condition": {"StringEquals": {"aws:SourceVpce": {"Ref": "S3Endpoint"}}}',
        },
        {
          format: 'policy-json',
          bad: '"Condition": {"StringNotEquals": {"aws:sourceVpcEndpoint": "vpce-0a1b2c3d4e5f67890"}}',
          good: '"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f67890"}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
      ],
    },
  },
  check(ctx) {
    ctx.eachPolicy((policy) => {
      for (const stmt of policy.statements) {
        const operatorsSeen = new Set<string>();
        for (const cond of stmt.conditions) {
          const operator = parseOperator(cond.operator);
          const operatorKey = startOf(cond.operatorLoc);
          const firstOfOperator = !operatorsSeen.has(operatorKey);
          operatorsSeen.add(operatorKey);

          if (!operator.known && firstOfOperator) {
            const suggestion = closestOperator(cond.operator);
            const at = suggestion && !operatorTaken(policy, stmt, suggestion) && !keyWrittenTwice(ctx.scope, cond.operatorLoc) ? exactTextLoc(ctx.scope, cond.operatorLoc, cond.operator) : undefined;
            ctx.report({
              loc: cond.operatorLoc,
              message: `\`${cond.operator}\` is not an IAM condition operator, so AWS rejects this policy${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}.`,
              fixes: at && suggestion ? fixOf(`Change to \`${suggestion}\``, ctx.scope.editor.replace(at, suggestion), { safe: true, preferred: true }) : [],
            });
          }

          const suggestion = closestConditionKey(cond.key);
          if (suggestion) {
            const at = keyTaken(stmt, cond, suggestion) || keyWrittenTwice(ctx.scope, cond.keyLoc) ? undefined : exactTextLoc(ctx.scope, cond.keyLoc, cond.key);
            ctx.report({
              loc: cond.keyLoc,
              message: `\`${cond.key}\` is not an AWS condition key (did you mean \`${suggestion}\`?): requests never carry it, so this condition does not test what it says.`,
              fixes: at ? fixOf(`Change to \`${suggestion}\``, ctx.scope.editor.replace(at, suggestion), { safe: true, preferred: true }) : [],
            });
          }

          const info = conditionKeyInfo(cond.key);
          if (operator.known && operator.set && info && !info.multiValued) {
            // The prefix belongs to the operator block: dropping it is right only when every key
            // under that operator is single-valued.
            const siblings = stmt.conditions.filter((c) => startOf(c.operatorLoc) === operatorKey);
            const allSingle = siblings.every((c) => conditionKeyInfo(c.key)?.multiValued === false);
            const plain = `${operator.base}${operator.ifExists ? 'IfExists' : ''}`;
            const at = allSingle && firstOfOperator && !operatorTaken(policy, stmt, plain) && !keyWrittenTwice(ctx.scope, cond.operatorLoc) ? exactTextLoc(ctx.scope, cond.operatorLoc, cond.operator) : undefined;
            const effect = operator.set === 'ForAllValues'
              ? 'it is true when the key is absent, so requests without it match too'
              : 'compare it with a plain operator instead';
            ctx.report({
              loc: cond.operatorLoc,
              message: `\`${operator.set}:\` treats \`${info.name}\` as a set of values, but it is a single value: ${effect}.`,
              fixes: at ? fixOf(`Change to \`${plain}\``, ctx.scope.editor.replace(at, plain), { safe: true, preferred: true }) : [],
            });
          }
        }
      }
    });
  },
};

/** One operator block's identity: several keys under it share its location. */
function startOf(loc: Loc): string {
  return `${loc.file}:${loc.range.start.line}:${loc.range.start.character}`;
}
