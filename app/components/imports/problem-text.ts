import { useTranslation } from "react-i18next";
import { locatedProblemText, type Problem, type ProblemLocation, problemText, type Translate } from "~/domain/import/problems";
import { translate } from "~/lib/forms/message";

/** An import's problems in the page's language: the problem alone, or "where: problem". */
export function useProblemText() {
  const { t } = useTranslation();
  const tr: Translate = (msg) => translate(t, msg) ?? "";
  return {
    problem: (p: Problem) => problemText(tr, p),
    located: (loc: ProblemLocation, p: Problem) => locatedProblemText(tr, loc, p),
  };
}
