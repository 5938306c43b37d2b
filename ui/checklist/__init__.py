"""The assessment screen: the LKE tree, the question page and the live score panel."""
