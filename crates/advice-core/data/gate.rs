// Written by `UPDATE_GATE=1 cargo test --test it gate`: do not edit.
// See crates/advice-core/src/gate.rs.
Model {
    mean: [
        0.42683935032114334, // share held / share needed (log)
        0.13714967203339243, // names an uncovered subject
        0.12462731067382186, // reads off-topic (one line)
        0.4746571258199234, // reads like readers
        0.10733452593917682, // reads plainly off-topic
        0.6736029165357655, // nearest chapter line
        0.6138080299327117, // nearest chapter lines
        0.5408295900624781, // nearest off-topic line
        0.5030762255369512, // nearest off-topic lines
        0.6458730267835068, // best hit's nearest line
        0.5942115247622803, // best hit's nearest lines
        0.1050434367210294, // best hit's line - off-topic line
        0.09113529922532843, // best hit's lines - off-topic lines
        1.9340803542473075, // words (log)
        0.5588490781472354, // best score / second (log)
        0.5532778290483976, // second hit's share held
        0.8228980322003477, // the rules say it fits
        0.8053206643345291, // best score / third (log)
        1.1439056151299196, // best score / fifth (log)
        3.234198795834326, // chapters found (log)
        2.2580070385539757, // query weight (log)
        0.016696481812760882, // best hit matched no line
        0.0011926058437686344, // best hit's tags matched
        0.03041144901610019, // best hit's words readers type
        0.9147286821705392, // top five holding every word
        4.425393661888266, // top ten's shares held, summed
    ],
    scale: [
        1.3153041760140078, // share held / share needed (log)
        0.34400528992230495, // names an uncovered subject
        0.3302958433102492, // reads off-topic (one line)
        0.4993573256980311, // reads like readers
        0.30953808405524585, // reads plainly off-topic
        0.20476155687135358, // nearest chapter line
        0.1899164405861859, // nearest chapter lines
        0.1706256514932613, // nearest off-topic line
        0.1521568182552554, // nearest off-topic lines
        0.2171061067927397, // best hit's nearest line
        0.19946380171188383, // best hit's nearest lines
        0.21582185014185998, // best hit's line - off-topic line
        0.18594748919971832, // best hit's lines - off-topic lines
        0.4863804756800761, // words (log)
        0.6152758469636834, // best score / second (log)
        0.3198440670694908, // second hit's share held
        0.38175497482172227, // the rules say it fits
        0.7964261938667749, // best score / third (log)
        0.9737170077356587, // best score / fifth (log)
        0.34941467275582494, // chapters found (log)
        0.7589965499793594, // query weight (log)
        0.1281316093235284, // best hit matched no line
        0.034513526841950665, // best hit's tags matched
        0.2985245131865537, // best hit's words readers type
        1.3097510998962527, // top five holding every word
        2.556096257139115, // top ten's shares held, summed
    ],
    weights: [
        0.6052500801225053, // share held / share needed (log)
        -0.36380910328696114, // names an uncovered subject
        -0.20057322739378525, // reads off-topic (one line)
        0.07920130814199314, // reads like readers
        -0.3734813236918799, // reads plainly off-topic
        0.09302541756793223, // nearest chapter line
        0.24577951556624977, // nearest chapter lines
        -0.318028538882078, // nearest off-topic line
        -0.31155366068803664, // nearest off-topic lines
        0.1415853728246496, // best hit's nearest line
        0.3149833335144344, // best hit's nearest lines
        0.3938566723299332, // best hit's line - off-topic line
        0.5928167536929946, // best hit's lines - off-topic lines
        0.5921515543824348, // words (log)
        0.11869069186704087, // best score / second (log)
        0.06361526347314705, // second hit's share held
        0.6922198518310366, // the rules say it fits
        0.14149128065616437, // best score / third (log)
        0.1934354324926976, // best score / fifth (log)
        0.12772997964942512, // chapters found (log)
        -0.21823462815093392, // query weight (log)
        -0.06111858751565956, // best hit matched no line
        0.08150408220083337, // best hit's tags matched
        0.10443225055320834, // best hit's words readers type
        0.4318016509930999, // top five holding every word
        0.11580627127227716, // top ten's shares held, summed
    ],
    bias: 2.491794287698018,
    cutoff: 0.22983973624036957,
}
