"""Large: a random forest of 500 trees (scikit-learn), on one core as the sandbox allows."""

from sklearn.ensemble import RandomForestClassifier


def predict(X_train, y_train, X_test):
    model = RandomForestClassifier(n_estimators=500, random_state=0, n_jobs=1)
    return model.fit(X_train, y_train).predict(X_test)
