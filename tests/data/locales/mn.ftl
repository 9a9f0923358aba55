# A TEST catalogue, not a translation: it shows that a third language (Mongolian is the league's
# other official script) is one more catalogue file, and that what it lacks falls back to
# Chinese. Its texts are marked [mn-test] so that no one mistakes them for Mongolian.

severity-error = [mn-test] error
summary-waived = [mn-test] { $count ->
    [one] one waived
   *[other] { $count } waived
}
missing-field = [mn-test] { $form ->
    [sheet] column { $field }
   *[other] field { $field }
}
