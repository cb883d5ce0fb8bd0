from tochuc.accounts.policy import Action, can


def test_inside_reaches_province_but_not_other(tree, inside):
    assert can(inside, Action.VIEW, tree.cell)
    assert not can(inside, Action.VIEW, tree.other_cell)
    assert tree.cell.path.startswith(tree.province.path)
