# A provisioning step: runs once in the guest after its install, and what it writes stays in the image
# (a cached disk layer) for every build. Change it and only this step runs again.
mkdir -p /opt/hello
echo "greeted by a provisioned layer" > /opt/hello/greeting
