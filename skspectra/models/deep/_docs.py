"""Docstring fragments shared by the deep estimators (one wording, one place)."""

_TRAINING_HEAD = """\
    n_members : int, default=1
        Number of networks in the ensemble, each from its own random initialisation,
        trained side by side in one module (:class:`skspectra.nn.EnsembleNet`: the same
        batches, each member on its own loss); the model's output is the mean of the
        members' outputs, and explanations explain that mean.
    max_epochs : int, default=200
        Maximal number of passes over the training set.
    max_steps : int or None, default=None
        If set, at most about this many gradient steps: the epochs are cut to
        ``ceil(max_steps / steps_per_epoch)`` when that is fewer than ``max_epochs`` (the
        learning-rate schedule then spans the shorter run). Bounds the cost of a fit on
        large training sets, where ``max_epochs`` passes take most of the time; sets of
        up to ``max_steps * batch_size / max_epochs`` spectra are not affected.
    batch_size : int, default=16
        Spectra per gradient step.
    lr : float, default=1e-3
        Learning rate of the optimizer.
    weight_decay : float, default=1e-2
        Weight decay (decoupled for AdamW).
    optimizer : {"adamw", "adam", "sgd"}, default="adamw"
        The torch optimizer.
    lr_schedule : {"cosine", "plateau", "none"}, default="cosine"
        ``"cosine"``: cosine annealing from ``lr`` to ``lr / 100`` over ``max_epochs``
        (one cycle, stepped per epoch); ``"plateau"``: halve the learning rate when the
        monitored loss stalls for 5 epochs; ``"none"``: constant.
    validation_fraction : float or None, default=None
        Fraction of the training set held out (stratified by class for classifiers) to
        monitor the loss for early stopping and best-weights restore, e.g. 0.2. ``None``
        or 0 (default) trains on everything and monitors the training loss: on the small
        public spectroscopy sets, cross-validation on their training splits favoured
        using all spectra for training (``benchmarks/deep_defaults.py``).
    patience : int or None, default=None
        Stop when the monitored loss has not improved for this many epochs. ``None``
        (default) disables early stopping. In both cases the weights of the best epoch are
        restored at the end, also when training is interrupted with Ctrl-C.
"""

_STANDARDIZE_MODES = """\
        Input standardisation, done inside the network so that explanations refer to the
        raw input: ``"spectrum"`` scales each spectrum to mean 0 and standard deviation 1
        (like SNV); ``"center"`` subtracts the training set's mean spectrum and divides by
        one standard deviation (mean-centring); ``"spectrum+center"`` feeds two channels,
        the SNV spectrum and its deviation from the training set's mean SNV spectrum;
        ``"global"`` uses one mean and one standard deviation of the training set;
        ``"feature"`` per-wavenumber statistics; ``"none"`` leaves the input as is."""

_STANDARDIZE_CLASSIFIER = """\
    standardize : {"spectrum+center", "spectrum", "center", "global", "feature", "none"}, \
default="spectrum+center"
""" + _STANDARDIZE_MODES + """
        The default won the cross-validation on the training splits of the five bundled
        sets for all three networks (mean CV accuracy 0.866 against 0.809 with
        ``"spectrum"`` for PACE; OliveOil 0.88 against 0.63; ``benchmarks/RESULTS.md``)."""

_STANDARDIZE_REGRESSOR = """\
    standardize : {"spectrum", "center", "spectrum+center", "global", "feature", "none"}, \
default="spectrum"
""" + _STANDARDIZE_MODES + """
        ``"global"`` (absolute absorbance kept) had a larger CV RMSE on Tecator; the
        classifiers' ``"spectrum+center"`` was not searched for regression."""

_DERIVATIVE_CHANNEL = """\
        Adds one input channel: the Savitzky-Golay first derivative (this many points,
        odd, >= 3) of the standardised spectrum, scaled to standard deviation 1 per
        spectrum (:func:`skspectra.nn.sg_derivative`), as chemometrics fits on derivative
        spectra to remove additive baselines. ``None``: no derivative channel."""

_DERIVATIVE_WINDOW_CLASSIFIER = """
    derivative_window : int or None, default=None
""" + _DERIVATIVE_CHANNEL + """
        In a 2 x 3-fold CV on the training splits of the five bundled sets, 11 points
        raised GAP-CNN's mean accuracy on three independent pairs of repeats (+0.012,
        +0.014, +0.008; mostly Beef and Ham), PACE's on two of three (+0.012, +0.014,
        -0.012) and ResNet1D's on one of two (+0.014, -0.008): 11 is the default of
        :class:`GAPCNNClassifier` only, and worth a grid search for the others
        (``benchmarks/RESULTS.md``, rounds I-K)."""

_DERIVATIVE_WINDOW_REGRESSOR = """
    derivative_window : int or None, default=None
""" + _DERIVATIVE_CHANNEL + """
        Not searched for regression."""

_CLASS_WEIGHT = """
    class_weight : dict, "balanced" or None, default=None
        Weights of the classes in the cross-entropy loss (``"balanced"``: inversely
        proportional to the class frequencies), for imbalanced data.
    epo_components : int or "auto", default="auto"
        Within-class directions removed from the standardised spectra inside the network
        (:class:`skspectra.preprocessing.EPO`, fitted on the training spectra and their
        labels): what varies among spectra of one class, such as thickness or scatter,
        is projected out before the convolutions see it; 0 removes nothing. ``"auto"``
        cross-validates a 1-nearest-neighbour classifier on the training spectra for 0 to
        10 directions (fast, no network is trained for it) and removes the best count
        only if it raises that accuracy by at least 20 points (``EPO(min_gain=0.2)``),
        that is when the within-class variation clearly hides the classes. Chosen by CV
        on the training splits: on Beef it raised the networks' CV accuracy from
        0.48-0.55 to 0.68-0.77; on the other bundled sets the gate stays closed, where
        removal without it lowered Ham by 0.07 to 0.12 (``benchmarks/RESULTS.md``). The
        count used is ``epo_components_``.
    mixup_alpha : float, default=0.0
        Mixup (Zhang et al., ICLR 2018): each training batch is replaced by convex
        combinations of its spectra with a shuffled copy, ``lam * x_i + (1 - lam) * x_j``,
        and the one-hot labels are mixed alike; ``lam`` is drawn from ``Beta(alpha,
        alpha)`` per batch. 0 (off) or a positive ``alpha``, e.g. 0.4. Prediction is
        unchanged. For GAP-CNN, 0.4 raised the mean accuracy of a 2 x 3-fold CV on the
        training splits of the five bundled sets by 0.008 (0.935 against 0.927; Beef
        +0.05, OliveOil -0.017), less than a second ensemble member did (round M of
        ``benchmarks/RESULTS.md``); worth a grid search."""

_TRAINING_TAIL_TEMPLATE = """
    augment_shift : float, default=0.0
        Training-time augmentation: maximal random shift along the spectral axis, in points.
    augment_scale : float, default=0.0
        Training-time augmentation: random intensity factor in ``[1 - s, 1 + s]``.
    augment_noise : float, default=0.0
        Training-time augmentation: Gaussian noise, relative to each spectrum's std.
    augment_tilt : float, default=0.0
        Training-time augmentation: random linear baseline of amplitude up to this
        fraction of each spectrum's std.{within_class}
    callbacks : list or None, default=None
        Extra skorch callbacks (instances or ``(name, callback)`` tuples), added after the
        estimator's own (early stopping, LR schedule).
    device : str, default="auto"
        ``"auto"`` trains on CUDA when available (honouring ``CUDA_VISIBLE_DEVICES``),
        else on the CPU; or any torch device string.
    random_state : int, RandomState instance or None, default=None
        Seeds the weight initialisation, the validation split, the batch order and the
        augmentation. On the CPU the same seed gives the same model for a given number of
        torch threads (another count sums floats in another order). torch's global
        random state is restored after ``fit``.
    verbose : int, default=0
        ``1`` prints skorch's per-epoch table (losses, validation, time), and progress
        lines on stderr during a long ``explain`` (network inputs done, time left)."""

_WITHIN_CLASS_DESCRIPTION = """\
Within-class augmentation: at every training step each spectrum gets another
        training spectrum's deviation from its own class's mean spectrum added (classes
        pooled; :func:`skspectra.nn.within_class_deviations`), times a weight drawn from
        ``N(0, w**2)``: the network sees the variation that does not change a class
        (thickness, scatter, handling) on spectra of every class, the variation that
        PLS-LDA whitens out. Class means are unchanged, so labels stay true. 0 (off) or a
        positive ``w``, e.g. 0.5. The deviations are used during ``fit`` only and are not
        kept in the fitted model."""

_AUGMENT_WITHIN_CLASS = f"""
    augment_within_class : float, default=0.0
        {_WITHIN_CLASS_DESCRIPTION} Off for GAP-CNN and a network of your own: in a
        CV on the training splits of the five bundled sets ``w=0.5`` moved GAP-CNN's mean
        by +0.010 and then -0.004 on fresh folds; it helped most where
        ``epo_components="auto"`` removed nothing on a set whose classes hide under
        within-class variation (round AB of ``benchmarks/RESULTS.md``). Trained at 5
        spectra per class, ``w=1.0`` gained 0.050 and then 0.017 on Beef (the bar was
        0.02; rounds AJ and AK). ResNet1D and PACE use 1.0."""

_DISTILL_WEIGHT = """
    distill_weight : float, default=0.0
        Distillation from PLS-LDA: a :class:`~skspectra.models.PLSLDAClassifierCV`
        (at most 20 components, chosen by its own CV) is fitted on the training spectra,
        and every training step is a mixup step (``mixup_alpha``, or 0.4 when that is 0)
        whose target is ``(1 - w) * mixed labels + w * the teacher's probabilities of the
        mixed spectra``: between the training spectra the network learns the linear
        model's decision. 0 (off) or ``w`` in (0, 1], e.g. 0.5. Prediction is the
        network's alone. Where no teacher can be fitted (e.g. one spectrum per class),
        training is the undistilled one, with a warning. Not a default: in a CV on the
        training splits of the five bundled sets ``w=0.5`` raised PACE's mean by +0.010 in
        both rounds that measured it, while GAP-CNN's and ResNet1D's moved by +0.005 and
        +0.010, then by -0.011 and -0.003 on fresh folds (rounds AD and AE of
        ``benchmarks/RESULTS.md``). For PACE (without its within-class augmentation) it
        gained 0.089 on EthanolLevel, where PLS-LDA was stronger, and lost 0.050 on
        DiatomSizeReduction, where it is weaker (round AG): the network moves toward its
        teacher, so tune it in your own CV."""

_WITHIN_CLASS_SOURCE = """
    augment_within_class_source : {"pooled", "own_class"}, default="pooled"
        Where ``augment_within_class`` draws a spectrum's deviation from: ``"pooled"``,
        the training spectra of every class (in the network's augmenter); ``"own_class"``,
        those of the spectrum's own class (in the training loader, where the labels are),
        so that a class keeps its own kind of variation. Worth a try where classes differ
        in their spread: on DistalPhalanxOutlineCorrect (classes 1.8 times apart in
        spread), a 3-fold CV inside the training split recovered +0.042 of the 0.072 that
        pooled deviations cost ResNet1D, and nothing of PACE's 0.053 (round AO of
        ``benchmarks/RESULTS.md``); held out, ResNet1D gained 2.1 points there (5 of 5
        resamples) but lost 1.1 on average over 11 resamples of six spectral sets (every
        set lower; round AP), so compare the two in your own CV."""

_TRAINING_TAIL = _TRAINING_TAIL_TEMPLATE.format(within_class=_AUGMENT_WITHIN_CLASS
                                                + _WITHIN_CLASS_SOURCE + _DISTILL_WEIGHT)
_REGRESSION_TRAINING_TAIL = _TRAINING_TAIL_TEMPLATE.format(within_class="")

_UNDER_TRAINED_WARNING = """
        A fit that ``max_steps`` cut short and that then classifies less than 90 % of
        its own training spectra warns (``ConvergenceWarning``): on one training part
        of 504 EthanolLevel spectra ResNet1D classified 70 % of them after the 50 epochs
        of ``max_steps=1600``, 99 % after 200 (round AQ of ``benchmarks/RESULTS.md``)."""
TRAINING_PARAMETERS = (_TRAINING_HEAD + _STANDARDIZE_CLASSIFIER + _DERIVATIVE_WINDOW_CLASSIFIER
                       + _CLASS_WEIGHT + _TRAINING_TAIL).replace(
    "spectra are not affected.", "spectra are not affected." + _UNDER_TRAINED_WARNING, 1)
"""The training parameters of the deep classifiers."""

_N_MEMBERS_GAP_CNN = """\
members' outputs, and explanations explain that mean. GAP-CNN's default, two
        members, raised its mean accuracy in a 2 x 3-fold CV on the training splits of
        the five bundled sets, on fresh folds (repeats 6-9): 0.937 against 0.927 for one
        network, on both pairs of repeats, mostly Beef (0.908 against 0.858), at about
        twice the fit time (``benchmarks/RESULTS.md``, round M)."""

_MAX_STEPS_1600 = """\
spectra are not affected.
        The default, 1600, keeps 200 epochs up to 128 spectra (every bundled set) and
        cuts a fit of 504 spectra to 50 epochs. In a 3-fold CV on the training splits of
        the two large sets checked (EthanolLevel, 504 x 1751; ECG5000, 500 x 140) it made
        the fits about 2.6 times faster, with a CV accuracy of
        {accuracy}
        (``benchmarks/RESULTS.md``, round Q)."""


def _with_step_budget(parameters: str, accuracy: str) -> str:
    """``parameters`` with ``max_steps`` defaulting to 1600, and the measurement why."""
    return parameters.replace(
        "max_steps : int or None, default=None", "max_steps : int or None, default=1600").replace(
        "spectra are not affected.", _MAX_STEPS_1600.format(accuracy=accuracy), 1)


GAP_CNN_TRAINING_PARAMETERS = _with_step_budget(TRAINING_PARAMETERS.replace(
    "derivative_window : int or None, default=None",
    "derivative_window : int or None, default=11").replace(
    "n_members : int, default=1", "n_members : int, default=2").replace(
    "members' outputs, and explanations explain that mean.", _N_MEMBERS_GAP_CNN, 1),
    "0.837 on EthanolLevel against 0.812 with 200 epochs, and 0.944 against 0.946\n"
    "        on ECG5000")
"""The same for :class:`GAPCNNClassifier`: ``derivative_window`` 11, ``n_members`` 2,
``max_steps`` 1600."""

def _augmenting_within_class(parameters: str, measurement: str) -> str:
    """``parameters`` with ``augment_within_class`` defaulting to 1.0, and the measurement why."""
    return parameters.replace(
        _AUGMENT_WITHIN_CLASS.strip(),
        f"augment_within_class : float, default=1.0\n        {_WITHIN_CLASS_DESCRIPTION} "
        + measurement, 1)


RESNET1D_TRAINING_PARAMETERS = _with_step_budget(_augmenting_within_class(
    TRAINING_PARAMETERS.replace("n_members : int, default=1", "n_members : int, default=3"),
    """ResNet1D's
        default, 1.0, was chosen in a CV that trains at the held-out training size (as
        many folds as the rarest class has spectra) on the training splits of the five
        bundled sets: +0.016 on average, Beef +0.033 and Coffee +0.058, after +0.067 on
        Beef in a first screen; on 30 held-out resamples of those sets it is level with
        or above PLS-LDA-CV on four of the five (Beef 89.8 % against 85.0 % before,
        Coffee 100 % on every resample), at the same fit time (rounds AH and AI of
        ``benchmarks/RESULTS.md``). On EthanolLevel (504 training spectra) it scored
        93.8 % on the published split against 83.6 % before, but 85.6 % against 91.1 %
        over 11 held-out resamples: on large sets, compare 0.0 in your own CV. PACE also
        uses 1.0 (round AM); GAP-CNN keeps 0 (rounds AB, AJ and AK)."""),
    "0.851 on EthanolLevel against 0.863 with 200 epochs, and 0.950 against 0.948\n"
    "        on ECG5000")
"""The same for :class:`ResNet1DClassifier`: ``n_members`` 3, ``max_steps`` 1600,
``augment_within_class`` 1.0 (round AI)."""

PACE_TRAINING_PARAMETERS = _augmenting_within_class(TRAINING_PARAMETERS, """PACE's
        default, 1.0, was chosen for EthanolLevel (NIR, 504 training spectra), where PACE
        trailed PLS-LDA-CV: in a 3-fold CV inside its training split it raised PACE from
        0.726 to 0.897 (+0.171 over 6 folds); trained at the held-out training size on
        the five bundled sets it gained 0.022 on average (Beef +0.100, no set lower), and
        ECG200 and DiatomSizeReduction did not lose. Held out, EthanolLevel rose from
        75.1 % to 89.2 % (11 resamples, every one higher), and over 30 resamples of the
        five bundled sets PACE gained 0.3 point on average (Beef +1.7, Coffee +0.6, Ham
        -0.5, OliveOil -0.6; round AM of ``benchmarks/RESULTS.md``).""")
"""The same for :class:`PACEClassifier`: ``augment_within_class`` 1.0 (round AM)."""

REGRESSION_TRAINING_PARAMETERS = (_TRAINING_HEAD + _STANDARDIZE_REGRESSOR
                                  + _DERIVATIVE_WINDOW_REGRESSOR + _REGRESSION_TRAINING_TAIL)
"""The training parameters of the deep regressors (no ``class_weight``)."""

FITTED_ATTRIBUTES = """\
    classes_ : ndarray of shape (n_classes,)
        The class labels, as given in ``y`` (strings allowed).
    epo_components_ : int
        Number of within-class directions removed from the input (see
        ``epo_components``).
    n_features_in_ : int
        Number of points per spectrum seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names of ``X`` when it was a DataFrame with string column names.
    net_ : skorch.NeuralNetClassifier
        The trained skorch net that this estimator owns.
    module_ : skspectra.nn.InputAdaptedNet
        The trained torch module (standardisation + network), in evaluation mode.
    history_ : skorch.callbacks.History
        Per-epoch training history (``train_loss``, ``valid_loss``, ``valid_acc``, ...).
    device_ : str
        The device the model was trained on."""

REGRESSION_FITTED_ATTRIBUTES = """\
    n_outputs_ : int
        Number of targets (columns of ``y``; 1 for a 1-D ``y``).
    y_mean_ : ndarray of shape (`n_outputs_`,)
        Mean of each target in the training set.
    y_scale_ : ndarray of shape (`n_outputs_`,)
        Standard deviation of each target in the training set. The network is trained on
        ``(y - y_mean_) / y_scale_`` and ``predict`` returns ``network output * y_scale_ +
        y_mean_``: predictions in the units of ``y``. A constant target has scale 0 (it
        is trained as zeros) and is predicted exactly.
    n_features_in_ : int
        Number of points per spectrum seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names of ``X`` when it was a DataFrame with string column names.
    net_ : skorch.NeuralNetRegressor
        The trained skorch net that this estimator owns (mean squared error loss on the
        standardised targets).
    module_ : skspectra.nn.InputAdaptedNet
        The trained torch module (standardisation + network), in evaluation mode.
    history_ : skorch.callbacks.History
        Per-epoch training history (``train_loss``, ``valid_loss``: mean squared error in
        standardised target units).
    device_ : str
        The device the model was trained on."""
