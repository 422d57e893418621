"""scikit-learn's estimator checks for PLSLDAClassifier and PLSLDAClassifierCV."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skspectra.models import PLSLDAClassifier, PLSLDAClassifierCV


# max_components=2 with cv=3 keeps the CV checks fast; every default is checked too.
@parametrize_with_checks(
    [PLSLDAClassifier(), PLSLDAClassifierCV(), PLSLDAClassifierCV(max_components=2, cv=3)]
)
def test_sklearn_compatible(estimator, check):
    check(estimator)
