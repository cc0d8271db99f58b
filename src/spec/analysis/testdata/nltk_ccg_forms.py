#!/usr/bin/env python3
r"""Parses sentences with NLTK's CCG chart parser and prints their logical forms.

Usage: nltk_ccg_forms.py LEXICON SENTENCES
LEXICON is a lexicon in NLTK's format with semantics (as exported by
protolm's ExportNltkLexicon); SENTENCES holds one sentence per line, tokens
separated by spaces. For each sentence, prints one line per distinct logical
form of the whole sentence: "<sentence index>\t<form>".

The rules are the ones protolm's analysis uses, built from NLTK's own
combinators: application, harmonic composition, backward crossed composition
with a primitive argument (NLTK's BackwardBx) and NLTK's type raising. NLTK's
ready-made CompositionRuleSet checks only the primary functor's slash, which
also allows unrestricted crossed composition in both directions; protolm
keeps Steedman's restriction, so the same restriction is built here, and
raises only noun phrases, as protolm's analysis does. As in protolm's
analysis (RuleOptions::apply_only_modifiers), backward composition never
involves a noun or sentence post-modifier (NP\NP, S\S): such a modifier only
applies to its noun or sentence.

NLTK 3.8's Direction.can_unify compares only the slash restrictions, not the
slash itself, so an argument S\NP would accept an S/NP; the script makes it
compare the slash too, as CCG requires (protolm compares whole categories).
"""
import sys

from nltk.ccg import api, chart, combinator, lexicon

_unpatched_can_unify = api.Direction.can_unify


def _direction_can_unify(self, other):
    if not self.is_variable() and not other.is_variable() and self.dir() != other.dir():
        return None
    return _unpatched_can_unify(self, other)


api.Direction.can_unify = _direction_can_unify


# Post-modifiers that only apply, never compose backward (see the docstring).
APPLY_ONLY_MODIFIERS = {"(NP\\NP)", "(S\\S)"}


def _backward_without_apply_only_modifiers(left, right):
    return (combinator.bothBackward(left, right)
            and str(left) not in APPLY_ONLY_MODIFIERS
            and str(right) not in APPLY_ONLY_MODIFIERS)


class ForwardRaiseNounPhrases(chart.ForwardTypeRaiseRule):
    def apply(self, chart_, grammar, left_edge, right_edge):
        if str(left_edge.categ()) == "NP":
            yield from super().apply(chart_, grammar, left_edge, right_edge)


class BackwardRaiseNounPhrases(chart.BackwardTypeRaiseRule):
    def apply(self, chart_, grammar, left_edge, right_edge):
        if str(right_edge.categ()) == "NP":
            yield from super().apply(chart_, grammar, left_edge, right_edge)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        lex = lexicon.fromstring(f.read(), True)
    composition = [
        chart.BinaryCombinatorRule(combinator.ForwardCombinator(
            combinator.UndirectedComposition(), combinator.bothForward)),
        chart.BinaryCombinatorRule(combinator.BackwardCombinator(
            combinator.UndirectedComposition(),
            _backward_without_apply_only_modifiers)),
        chart.BinaryCombinatorRule(combinator.BackwardBx),
    ]
    raising = [ForwardRaiseNounPhrases(), BackwardRaiseNounPhrases()]
    rules = chart.ApplicationRuleSet + composition + raising
    parser = chart.CCGChartParser(lex, rules)
    with open(sys.argv[2], encoding="utf-8") as f:
        sentences = [line.split() for line in f.read().splitlines()]
    for index, tokens in enumerate(sentences):
        forms = set()
        for tree in parser.parse(tokens):
            forms.add(str(tree.label()[0].semantics()))
        for form in sorted(forms):
            print(f"{index}\t{form}")


if __name__ == "__main__":
    main()
